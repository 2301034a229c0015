// Command line: node out/test/emulator/cli.js --port 8700 --jobs 200 --seed 42 [--speed 10]
//   [--faults 'cdrouter:latency=200,error503=0.1;beacon:html=1'] [--hostile] [--log]
//   [--cnaas-shape seed|current] [--mode living|seed-exact] [--token T] [--token-env NAME]
// Prints each dialect's base URL and a ready `jobdeck.connections` block; runs until
// SIGINT/SIGTERM.
import { connectionsFor, parseFaults, start } from './index';
import type { EmulatorOptions } from './types';

function parseArgs(argv: string[]): { options: EmulatorOptions; tokenEnv?: string } {
  const options: EmulatorOptions = { port: 8700 };
  let tokenEnv: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++k];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`${flag}: "${v}" is not a number`);
      return n;
    };
    switch (flag) {
      case '--port':
        options.port = number();
        break;
      case '--host':
        options.host = value();
        break;
      case '--jobs':
        options.jobs = number();
        break;
      case '--seed':
        options.seed = number();
        break;
      case '--speed':
        options.speed = number();
        break;
      case '--faults':
        options.faults = parseFaults(value());
        break;
      case '--hostile':
        options.hostile = true;
        break;
      case '--huge-diff-bytes':
        options.hugeDiffBytes = number();
        break;
      case '--log':
        options.log = true;
        break;
      case '--mode': {
        const v = value();
        if (v !== 'living' && v !== 'seed-exact') throw new Error('--mode is living or seed-exact');
        options.mode = v;
        break;
      }
      case '--cnaas-shape': {
        const v = value();
        if (v !== 'seed' && v !== 'current') throw new Error('--cnaas-shape is seed or current');
        options.cnaasResultShape = v;
        break;
      }
      case '--token': {
        const t = value();
        options.tokens = { 'cnaas-nms': t, cdrouter: t, 'puppet-orchestrator': t, 'stack-jobs': t, beacon: t };
        break;
      }
      case '--token-env':
        tokenEnv = value();
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: cli.js [--port 8700] [--jobs 200] [--seed 42] [--speed 1] [--faults spec] [--hostile] [--log] [--cnaas-shape seed|current] [--mode living|seed-exact] [--token T] [--token-env NAME]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return { options, tokenEnv };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`jobs emulator: ${(e as Error).message}`);
    process.exit(2);
  }
  const emu = await start(parsed.options);
  const token = parsed.options.tokens?.cdrouter ?? 'demo-token';
  console.log(`Jobdeck jobs emulator on ${emu.url} (control API: ${emu.url}/_control/)`);
  for (const [kind, url] of Object.entries(emu.urls)) console.log(`  ${kind.padEnd(20)} ${url}`);
  console.log(`Token for every dialect: ${token}${parsed.tokenEnv ? ` (export ${parsed.tokenEnv}=${token})` : ''}`);
  console.log('Settings:');
  console.log(JSON.stringify({ 'jobdeck.connections': connectionsFor(emu.urls, parsed.tokenEnv) }, null, 2));
  const stop = () => {
    void emu.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
