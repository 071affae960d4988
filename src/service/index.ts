// The services, split by what they serve, over one store, one rubric set and one clock. Each goes through the
// authorisation layer (Access); every workbook comes from the one renderer.
import type { Rubric } from '../rubric/model.js';
import type { Store } from '../store/types.js';
import { Access } from './access.js';
import { AssessmentService } from './assessments.js';
import { ChainService } from './chain.js';
import { Renderer } from './render.js';
import { ReportService } from './reports.js';
import { RubricService } from './rubrics.js';
import { TokenService } from './tokens.js';
import { UnitService } from './units.js';
import { RectificationService } from './rectification.js';

export interface ServiceOptions {
  store: Store;
  rubrics: ReadonlyMap<string, Rubric>;
  now: () => Date;
}

export interface Services {
  rubrics: RubricService;
  assessments: AssessmentService;
  reports: ReportService;
  units: UnitService;
  tokens: TokenService;
  chain: ChainService;
  rectification: RectificationService;
}

export function createServices({ store, rubrics: set, now }: ServiceOptions): Services {
  const access = new Access(store, now);
  const chain = new ChainService(store, access);
  const render = new Renderer(chain, now);
  const rubrics = new RubricService(set, store, render, access, now);
  const rectification = new RectificationService(store, rubrics, access, render, now);
  const assessments = new AssessmentService(store, rubrics, access, now, rectification);
  return {
    rubrics,
    assessments,
    reports: new ReportService(store, rubrics, assessments, access, render, now, rectification),
    units: new UnitService(store, access, now),
    tokens: new TokenService(store, access, now),
    chain,
    rectification,
  };
}
