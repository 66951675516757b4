//! The only parallel code in detente: an order-keeping map over a batch of items on a rayon pool
//! ([`Pool::map_into`]), and an ordered pipeline ([`Pool::pipeline`]) in which the calling
//! thread fills work slots and drains them in order while the pool works on them. With one
//! thread these are plain loops, so `--threads 1` runs no rayon code at all.

use rayon::prelude::*;

/// A pool of scoring threads, or none for single-threaded work.
#[derive(Debug)]
pub struct Pool {
    pool: Option<rayon::ThreadPool>,
    threads: usize,
}

/// The most threads a [`Pool`] runs. Each keeps a few chunks of input and output in memory
/// (about 1 MiB a thread with the default chunk size), so memory is bounded by the thread
/// count; past the cores there is no speed to gain, and a mistyped `--threads 100000` would
/// start that many threads and take gigabytes.
pub const MAX_THREADS: usize = 256;

impl Pool {
    /// A pool of `threads` threads; 0 means one per available core, 1 means no pool. More than
    /// [`MAX_THREADS`] is refused.
    pub fn new(threads: usize) -> Result<Pool, String> {
        if threads > MAX_THREADS {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            return Err(format!(
                "{threads} threads is more than detente runs (at most {MAX_THREADS}: each \
                 thread keeps chunks of input in memory); this machine has {cores} cores, and \
                 0 uses one thread per core"
            ));
        }
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

    /// An ordered pipeline over `slots` reused work slots (at least one): on the calling thread,
    /// `fill` loads a free slot with the next piece of work (returning `false` when there is
    /// none left: the slot is not used), the pool runs `work` on filled slots, any number at a
    /// time, and `drain` gets each worked slot on the calling thread, in the order they were
    /// filled, after which the slot is free again. The calling thread only fills and drains,
    /// and sleeps while it waits; there is no barrier between pieces of work, so a thread
    /// that finishes one starts the next. An error from `fill` or `drain` stops the pipeline
    /// once the work in flight is done, and is returned. With one thread: fill, work, drain
    /// in turn on one slot.
    ///
    /// `weigh` gives a filled slot's weight (its bytes of input, say): no slot is filled
    /// while those in flight (filled and not yet drained) weigh `budget` or more, so a few
    /// heavy pieces of work do not take every slot at once; one slot is always let through.
    #[allow(clippy::too_many_arguments)]
    pub fn pipeline<S, E>(
        &self,
        slots: usize,
        budget: usize,
        new_slot: impl Fn() -> S,
        weigh: impl Fn(&S) -> usize,
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
            // The weight of each slot in flight, by sequence number, and their sum.
            let mut weights = std::collections::VecDeque::new();
            let mut in_flight = 0usize;
            loop {
                while !over
                    && (filled == drained || in_flight < budget)
                    && let Some(mut slot) = free.pop()
                {
                    if fill(&mut slot)? {
                        let weight = weigh(&slot);
                        weights.push_back(weight);
                        in_flight = in_flight.saturating_add(weight);
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
                    in_flight = in_flight.saturating_sub(weights.pop_front().unwrap_or(0));
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
    fn pipeline_drains_in_fill_order_and_stops_on_errors() {
        for threads in [1, 2, 3] {
            let pool = Pool::new(threads).expect("pool");
            let (mut next, mut seen) = (0u64, Vec::new());
            let run = pool.pipeline(
                4,
                usize::MAX,
                || (0u64, 0u64),
                |_| 0,
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
                usize::MAX,
                || 0u64,
                |_| 0,
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

    #[test]
    fn pipeline_fills_no_slot_while_those_in_flight_weigh_the_budget() {
        // Slot n weighs (n % 4) * 100; the budget is 250, so slots of 300 (over the budget
        // alone) must still go through, one at a time.
        let weight = |n: u64| (n % 4) as usize * 100;
        for threads in [1, 2, 3] {
            let pool = Pool::new(threads).expect("pool");
            let in_flight = std::cell::Cell::new(0usize);
            let slots = std::cell::Cell::new(0usize);
            let (mut next, mut most, mut most_slots, mut seen) = (0u64, 0, 0, Vec::new());
            let run = pool.pipeline(
                6,
                250,
                || 0u64,
                |slot| weight(*slot),
                |slot: &mut u64| {
                    // Called only with nothing in flight or room under the budget.
                    assert!(in_flight.get() == 0 || in_flight.get() < 250);
                    next += 1;
                    *slot = next;
                    if next > 200 {
                        return Ok::<bool, String>(false);
                    }
                    in_flight.set(in_flight.get() + weight(next));
                    slots.set(slots.get() + 1);
                    most = most.max(in_flight.get());
                    most_slots = most_slots.max(slots.get());
                    Ok(true)
                },
                |slot| *slot = std::hint::black_box(*slot),
                |slot| {
                    in_flight.set(in_flight.get() - weight(*slot));
                    slots.set(slots.get() - 1);
                    seen.push(*slot);
                    Ok(())
                },
            );
            assert_eq!(run, Ok(()));
            assert_eq!(seen, (1..=200).collect::<Vec<_>>(), "{threads} threads");
            assert_eq!(in_flight.get(), 0);
            // Below the budget plus the heaviest slot; with a pool, slots of 100 and 200 (or
            // 0) are filled together, and never more than fit: 0 + 100 + 200 is the most
            // slots the budget lets in at once (then 300 is in flight).
            assert!(most < 250 + 300, "{most}");
            let expected = if threads == 1 { 1 } else { 3 };
            assert_eq!(most_slots, expected, "{threads} threads");
        }
    }
}
