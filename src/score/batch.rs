//! The only parallel code in detente: an order-keeping map over a batch of items on a rayon pool,
//! a map over chunks with per-chunk state, running pool work while the calling thread does
//! something else, and an ordered pipeline ([`Pool::pipeline`]) in which the calling thread
//! fills work slots and drains them in order while the pool works on them. With one thread
//! these are plain loops and calls in turn, so `--threads 1` runs no rayon code at all.

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

impl Pool {
    /// An ordered pipeline over `slots` reused work slots (at least one): on the calling thread,
    /// `fill` loads a free slot with the next piece of work (returning `false` when there is
    /// none left: the slot is not used), the pool runs `work` on filled slots, any number at a
    /// time, and `drain` gets each worked slot on the calling thread, in the order they were
    /// filled, after which the slot is free again. The calling thread only fills and drains,
    /// and sleeps while it waits; there is no barrier between pieces of work, so a thread
    /// that finishes one starts the next. An error from `fill` or `drain` stops the pipeline
    /// once the work in flight is done, and is returned. With one thread: fill, work, drain
    /// in turn on one slot.
    pub fn pipeline<S, E>(
        &self,
        slots: usize,
        new_slot: impl Fn() -> S,
        mut fill: impl FnMut(&mut S) -> Result<bool, E>,
        work: impl Fn(&mut S) + Sync,
        mut drain: impl FnMut(&mut S) -> Result<(), E>,
    ) -> Result<(), E>
    where
        S: Send,
    {
        let Some(pool) = &self.pool else {
            let mut slot = new_slot();
            while fill(&mut slot)? {
                work(&mut slot);
                drain(&mut slot)?;
            }
            return Ok(());
        };
        let (done_tx, done_rx) = std::sync::mpsc::channel::<Worked<S>>();
        let work = &work;
        pool.in_place_scope(|scope| {
            let mut free: Vec<S> = (0..slots.max(1)).map(|_| new_slot()).collect();
            // Worked slots that arrived before the one due next, by sequence number.
            let mut early = std::collections::BTreeMap::new();
            let (mut filled, mut drained, mut over) = (0u64, 0u64, false);
            loop {
                while !over && let Some(mut slot) = free.pop() {
                    if fill(&mut slot)? {
                        let (seq, tx) = (filled, done_tx.clone());
                        scope.spawn(move |_| {
                            // A panic is sent back and resumed on the calling thread, which
                            // would otherwise wait for this slot for ever.
                            let outcome =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    work(&mut slot)
                                }));
                            let _ = tx.send(Worked {
                                seq,
                                slot,
                                panic: outcome.err(),
                            });
                        });
                        filled += 1;
                    } else {
                        free.push(slot);
                        over = true;
                    }
                }
                if drained == filled {
                    return Ok(());
                }
                // The channel cannot be closed: this thread holds a sender.
                let Ok(worked) = done_rx.recv() else {
                    return Ok(());
                };
                if let Some(panic) = worked.panic {
                    std::panic::resume_unwind(panic);
                }
                early.insert(worked.seq, worked.slot);
                while let Some(mut slot) = early.remove(&drained) {
                    drain(&mut slot)?;
                    free.push(slot);
                    drained += 1;
                }
            }
        })
    }
}

/// A slot back from [`Pool::pipeline`]'s work, with its place in the order and the panic,
/// if the work panicked.
struct Worked<S> {
    seq: u64,
    slot: S,
    panic: Option<Box<dyn std::any::Any + Send>>,
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

    #[test]
    fn pipeline_drains_in_fill_order_and_stops_on_errors() {
        for threads in [1, 2, 3] {
            let pool = Pool::new(threads).expect("pool");
            let (mut next, mut seen) = (0u64, Vec::new());
            let run = pool.pipeline(
                4,
                || (0u64, 0u64),
                |slot: &mut (u64, u64)| {
                    next += 1;
                    slot.0 = next;
                    Ok::<bool, String>(next <= 100)
                },
                // Uneven work, so that slots finish out of order.
                |slot| slot.1 = (0..(slot.0 % 7) * 20_000).fold(slot.0, |a, b| a ^ b),
                |slot| {
                    seen.push(slot.0);
                    Ok(())
                },
            );
            assert_eq!(run, Ok(()));
            assert_eq!(seen, (1..=100).collect::<Vec<_>>(), "{threads} threads");

            let mut n = 0u64;
            let stopped = pool.pipeline(
                3,
                || 0u64,
                |slot: &mut u64| {
                    n += 1;
                    *slot = n;
                    Ok::<bool, String>(true)
                },
                |_| {},
                |slot| {
                    if *slot == 10 {
                        Err(format!("stop at {slot}"))
                    } else {
                        Ok(())
                    }
                },
            );
            assert_eq!(stopped, Err("stop at 10".to_string()));
        }
    }
}
