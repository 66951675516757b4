//! The only parallel code in detente: an order-keeping map over a batch of items on a rayon pool.
//! With one thread it is a plain loop, so `--threads 1` runs no rayon code at all.

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
}
