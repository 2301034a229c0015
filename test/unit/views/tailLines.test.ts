import * as assert from 'node:assert/strict';
import { tailChannelName, tailLine } from '../../../src/views/tailLines';

const TIME = /\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?/g;

describe('tail lines', () => {
  it('carry exactly one time, the event’s own, then level, job, node and text', () => {
    const at = Date.UTC(2019, 5, 19, 13, 50, 8);
    const line = tailLine(at, 'warning', '42', 'Applied catalog at 2019-06-19 13:49:00', 'node-1.example');
    assert.equal(line, '2019-06-19 13:50:08Z [warning] job 42 [node-1.example] Applied catalog at 2019-06-19 13:49:00');
    // The message's own words may hold a time; the line adds only one in front.
    assert.equal(line.replace(/ Applied.*$/, '').match(TIME)?.length, 1);
    assert.equal(tailLine(at, 'info', '7', 'Following'), '2019-06-19 13:50:08Z [info] job 7 Following');
  });

  it('keep server text on one line', () => {
    const line = tailLine(0, 'error', '1\n2', 'a\nb', 'n\u202eode');
    assert.ok(!/[\n\u202e]/.test(line), line);
  });

  it('name one channel per connection, whatever the job', () => {
    assert.equal(tailChannelName('demo-puppet'), 'Jobdeck Tail: demo-puppet');
    assert.equal(tailChannelName('a\nb'), 'Jobdeck Tail: a b');
  });
});
