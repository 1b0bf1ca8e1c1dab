import { corpusShard } from './corpus/run';

// One third of the corpus test (tests/import/corpus/run.ts); the thirds run in parallel.
corpusShard(0, 3);
