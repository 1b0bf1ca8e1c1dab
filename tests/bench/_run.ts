import { benchExport } from './export';
void benchExport();
