// The Jobs tree before the extension's body has loaded (issue 20, Cold view): a reload with the
// view open paints the connection rows from settings first, then the body's rows replace them.
// The provider is the product's own, on VS Code's real settings; the body it loads is a stand-in
// so the order of events can be seen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { services, until } from './emulatorControl';
import {
  BODY_AFTER_PREVIEW_MS,
  BODY_AT_LATEST_MS,
  DeferredTreeProvider,
  QUIET_SHARE,
} from '../../src/views/jobs/deferredTreeProvider';
import { connectionPreview } from '../../src/views/jobs/connectionPreview';
import type { TreeNode } from '../../src/views/jobs/nodes';

describe('Jobs tree before the body loads', () => {
  it("answers the root from settings with the body's row ids, loads the body just after, and asks again once bound", async () => {
    const s = await services();
    let loads = 0;
    const tree = new DeferredTreeProvider<string>(() => loads++, connectionPreview);
    const changes: unknown[] = [];
    const sub = tree.onDidChangeTreeData((e) => changes.push(e));
    try {
      const preview = ((await tree.getChildren()) ?? []) as unknown[];
      assert.equal(loads, 0, 'the first rows did not wait for the body');
      // As the extension host sends the answer: from a timer queued after the question.
      const loadsWhenSent = new Promise<number>((r) => setTimeout(() => r(loads), 0));
      const items = await Promise.all(preview.map((row) => tree.getTreeItem(row as string)));
      // The body's connection rows, as VS Code gets them: same ids, labels and kinds.
      const real = ((await s.tree.getChildren()) ?? []).filter((n: TreeNode) => n.type === 'connection');
      assert.ok(real.length >= 2, 'the test settings name connections');
      assert.deepEqual(
        items.map((i) => [i.id, i.label, i.description, i.collapsibleState]),
        real.map((n) => {
          const item = s.tree.getTreeItem(n);
          return [
            item.id,
            item.label,
            String(item.description).split(' · ')[0],
            vscode.TreeItemCollapsibleState.Collapsed,
          ];
        }),
      );
      assert.equal(await loadsWhenSent, 0, 'the body does not load before the answer is sent');
      const hop = () => new Promise((r) => setTimeout(() => setImmediate(r), 0));
      await hop();
      assert.equal(loads, 0, `the root alone: the body waits ${BODY_AFTER_PREVIEW_MS} ms for the rows to be painted`);
      // A connection that was expanded before the reload: VS Code asks for its rows.
      assert.deepEqual(await tree.getChildren(preview[0] as string), [], 'a preview row has no rows of its own');
      await hop();
      assert.equal(loads, 1, "an expanded row's question loads the body right after its answer");
      assert.deepEqual(changes, [], 'nothing to ask again before the body is bound');

      const realChanged = new vscode.EventEmitter<string | undefined>();
      tree.bind({
        getChildren: () => ['job row'],
        getTreeItem: (e) => new vscode.TreeItem(e),
        onDidChangeTreeData: realChanged.event,
      });
      assert.deepEqual(changes, [undefined], 'binding the body asks for the whole tree again');
      assert.deepEqual(await tree.getChildren(), ['job row'], 'the root comes from the body from then on');
      realChanged.fire('job row');
      assert.deepEqual(changes, [undefined, 'job row'], "the body's changes are passed on");
      realChanged.dispose();
    } finally {
      sub.dispose();
      tree.dispose();
    }
  });

  it(`with only the root asked, the body loads ${BODY_AFTER_PREVIEW_MS} ms after the preview rows, once`, async () => {
    let loads = 0;
    const tree = new DeferredTreeProvider<string>(() => loads++, connectionPreview);
    try {
      const t0 = Date.now();
      await tree.getChildren();
      await new Promise((r) => setTimeout(r, BODY_AFTER_PREVIEW_MS / 2));
      assert.equal(loads, 0, 'not yet');
      while (loads === 0 && Date.now() - t0 < BODY_AFTER_PREVIEW_MS + 5000) await new Promise((r) => setTimeout(r, 20));
      assert.equal(loads, 1);
      assert.ok(Date.now() - t0 >= BODY_AFTER_PREVIEW_MS - 5, 'not before the wait');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(loads, 1, 'loaded once');
    } finally {
      tree.dispose();
    }
  });

  it('with only the root asked, the body waits past its wait for a quiet extension host, and no longer than the latest', async () => {
    let loads = 0;
    let share = 0.9;
    const tree = new DeferredTreeProvider<string>(
      () => loads++,
      connectionPreview,
      () => () => share,
    );
    try {
      await tree.getChildren();
      await new Promise((r) => setTimeout(r, BODY_AFTER_PREVIEW_MS + 300));
      assert.equal(loads, 0, 'a busy host: the body waits');
      share = QUIET_SHARE / 2;
      await until('the body to load once the host is quiet', () => loads > 0, 1000, 10);
      assert.equal(loads, 1, 'the host went quiet: the body loads');

      loads = 0;
      share = 0.9;
      const busyTree = new DeferredTreeProvider<string>(
        () => loads++,
        connectionPreview,
        () => () => share,
      );
      const t0 = Date.now();
      await busyTree.getChildren();
      await until('the body to load at the latest', () => loads > 0, BODY_AT_LATEST_MS + 2000, 10);
      busyTree.dispose();
      assert.equal(loads, 1, 'a host that stays busy: the body loads at the latest');
      assert.ok(Date.now() - t0 >= BODY_AT_LATEST_MS - 5, `not before the latest: ${Date.now() - t0} ms`);
    } finally {
      tree.dispose();
    }
  });

  it('without a preview, the first question loads the body and nothing is asked again', async () => {
    let loads = 0;
    const tree: DeferredTreeProvider<string> = new DeferredTreeProvider<string>(() => {
      loads++;
      tree.bind({ getChildren: () => ['row'], getTreeItem: (e) => new vscode.TreeItem(e) });
    });
    const changes: unknown[] = [];
    tree.onDidChangeTreeData((e) => changes.push(e));
    assert.deepEqual(await tree.getChildren(), ['row']);
    assert.deepEqual([loads, changes], [1, []]);
    tree.dispose();
  });
});
