/** The vendored design maps are the design's own: an update in ../shared/design must be copied in. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_DIR, MAP_FILES, SHARED_DESIGN_DIR } from './helpers/design-maps.js';

const shared = existsSync(SHARED_DESIGN_DIR);

(shared ? test.each(MAP_FILES) : test.skip.each(MAP_FILES))('%s equals ../shared/design', (file) => {
  expect(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')).toBe(readFileSync(path.join(SHARED_DESIGN_DIR, file), 'utf8'));
});
