// What the DASA picture shows of each point: the text (query and item title), the grade (ID train's
// gold; a pool sample's only once the annotate stage graded it) and the shift tags, in the stored
// picture's order. Pool grades otherwise stay hidden, as everywhere on the DASA screen.
import type { Example, Grade } from '../core/data/schema';
import type { PipelineData } from '../core/pipeline/data';
import type { AnnotateRecord } from '../core/pipeline/stages/annotate';
import type { DasaPoint, DasaPoints, DasaProjection } from './pipeline-types';

function point(id: string, example: Example | undefined, grade: Grade | null): DasaPoint {
  return { id, query: example?.query ?? '', title: example?.item.title ?? '', grade, tags: example?.tags ?? [] };
}

/** Null for a picture stored before it kept the ID rows' ids: its ID points cannot be told apart. */
export function dasaPoints(projection: DasaProjection, data: PipelineData, annotation: AnnotateRecord | null): DasaPoints | null {
  if (!projection.idIds) return null;
  const train = new Map(data.train.map((example) => [example.id, example]));
  const pool = new Map(data.pool.map((example) => [example.id, example]));
  const graded = annotation?.grades ?? {};
  return {
    id: projection.idIds.map((id) => point(id, train.get(id), train.get(id)?.grade ?? null)),
    pool: projection.poolIds.map((id) => point(id, pool.get(id), graded[id] ?? null)),
  };
}
