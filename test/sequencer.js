/**
 * Runs test/seed-demo.test.ts first: it loads the demo into the run's shared database and
 * checks what a fresh seed leaves behind; every other suite then reuses that data (they seed
 * only when the database is empty). The rest keep jest's default order.
 */
import Sequencer from '@jest/test-sequencer';

const FIRST = 'seed-demo.test.ts';

export default class SeedFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const list = Array.isArray(sorted) ? sorted : [];
    return [...list.filter((t) => t.path.endsWith(FIRST)), ...list.filter((t) => !t.path.endsWith(FIRST))];
  }
}
