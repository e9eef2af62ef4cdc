// A second process that puts load on a running clmd over loopback: N concurrent clients requesting the
// given paths in turn for a fixed time, bounded in count and time. Prints one JSON line of results.
//   node --import tsx bench/load-child.ts '{"base":"http://127.0.0.1:PORT","paths":["/x"],"cookie":"…","concurrency":20,"seconds":10}'
import { performance } from 'node:perf_hooks';

interface LoadJob {
  base: string;
  paths: string[];
  cookie?: string;
  concurrency: number;
  seconds: number;
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let next = 0;
  const limit = job.maxRequests ?? 100_000;
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline && next < limit) {
      const path = job.paths[next++ % job.paths.length]!;
      const t0 = performance.now();
      try {
        const res = await fetch(job.base + path, {
          headers: job.cookie ? { cookie: job.cookie } : {},
          redirect: 'manual',
        });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
