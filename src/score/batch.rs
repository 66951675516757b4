//! The only parallel code in detente: an order-keeping map over a batch of items on a rayon pool,
//! a map over chunks with per-chunk state, and running pool work while the calling thread does
//! something else (reading the next batch, writing the last one). With one thread these are
//! plain loops and calls in turn, so `--threads 1` runs no rayon code at all.

use rayon::prelude::*;

/// A pool of scoring threads, or none for single-threaded work.
#[derive(Debug)]
pub struct Pool {
    pool: Option<rayon::ThreadPool>,
    threads: usize,
}

impl Pool {
    /// A pool of `threads` threads; 0 means one per available core, 1 means no pool.
    pub fn new(threads: usize) -> Result<Pool, String> {
        let threads = if threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            threads
        };
        if threads <= 1 {
            return Ok(Pool {
                pool: None,
                threads: 1,
            });
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("detente-score-{i}"))
            .build()
            .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
        Ok(Pool {
            pool: Some(pool),
            threads,
        })
    }

    /// No pool: everything runs on the calling thread.
    pub fn single() -> Pool {
        Pool {
            pool: None,
            threads: 1,
        }
    }

    /// Number of threads that do the work.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Maps `f` over `items`, writing results into `out` in input order (it is cleared first).
    pub fn map_into<T, R, F>(&self, items: &[T], out: &mut Vec<R>, f: F)
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync + Send,
    {
        match &self.pool {
            None => {
                out.clear();
                out.extend(items.iter().map(f));
            }
            Some(pool) => pool.install(|| items.par_iter().map(f).collect_into_vec(out)),
        }
    }
}

impl Pool {
    /// Runs `work` on the pool while the calling thread runs `meanwhile`, and returns
    /// `meanwhile`'s result once both are done. With one thread, `work` runs first.
    pub fn overlap<A, B, R>(&self, work: A, meanwhile: B) -> R
    where
        A: FnOnce() + Send,
        B: FnOnce() -> R,
    {
        match &self.pool {
            None => {
                work();
                meanwhile()
            }
            Some(pool) => pool.in_place_scope(|s| {
                s.spawn(|_| work());
                meanwhile()
            }),
        }
    }

    /// Calls `f` on each run of `chunk` items of `items` (the last may be shorter) with the
    /// matching element of `states`, in parallel. `states` must have at least as many elements
    /// as there are chunks; extra ones are left alone.
    pub fn for_each_chunk<T, S, F>(&self, items: &[T], chunk: usize, states: &mut [S], f: F)
    where
        T: Sync,
        S: Send,
        F: Fn(&[T], &mut S) + Sync + Send,
    {
        let chunk = chunk.max(1);
        match &self.pool {
            None => {
                for (c, s) in items.chunks(chunk).zip(states.iter_mut()) {
                    f(c, s);
                }
            }
            Some(pool) => pool.install(|| {
                items
                    .par_chunks(chunk)
                    .zip(states.par_iter_mut())
                    .for_each(|(c, s)| f(c, s));
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_with_any_thread_count() {
        let items: Vec<u64> = (0..10_000).collect();
        for threads in [1, 2, 3] {
            let pool = Pool::new(threads).expect("pool");
            let mut out = Vec::new();
            pool.map_into(&items, &mut out, |x| x * 2);
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn chunks_get_their_own_state_and_overlap_runs_both() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [1, 2] {
            let pool = Pool::new(threads).expect("pool");
            let mut sums = vec![0u64; 8];
            let mut other = 0;
            pool.overlap(
                || {},
                || {
                    other = 7;
                },
            );
            pool.for_each_chunk(&items, 128, &mut sums, |c, s| *s = c.iter().sum());
            assert_eq!(other, 7);
            assert_eq!(sums.iter().sum::<u64>(), items.iter().sum::<u64>());
            assert_eq!(sums[0], (0..128).sum::<u64>());
        }
    }
}
