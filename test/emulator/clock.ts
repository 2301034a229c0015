// The emulated clock: real time scaled by a speed factor, pausable, and steppable by tests.
// Jobs derive their state from it, so a stepped clock gives exact, repeatable transitions.
import type { ClockState } from './types';

export class Clock {
  private anchorReal: number;
  private anchorEmu: number;
  private speedFactor: number;
  private paused = false;

  constructor(
    private readonly real: () => number,
    speed = 1,
  ) {
    this.anchorReal = real();
    this.anchorEmu = this.anchorReal;
    this.speedFactor = speed;
  }

  now(): number {
    if (this.paused) return this.anchorEmu;
    return Math.floor(this.anchorEmu + (this.real() - this.anchorReal) * this.speedFactor);
  }

  /** Re-anchors so later changes of speed or pause do not move the past. */
  private reanchor(): void {
    this.anchorEmu = this.now();
    this.anchorReal = this.real();
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < 0) throw new Error(`bad speed ${speed}`);
    this.reanchor();
    this.speedFactor = speed;
  }

  pause(): void {
    this.reanchor();
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.anchorReal = this.real();
    this.paused = false;
  }

  step(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`bad step ${ms}`);
    this.reanchor();
    this.anchorEmu += Math.floor(ms);
  }

  state(): ClockState {
    return { now: this.now(), speed: this.speedFactor, paused: this.paused };
  }
}
