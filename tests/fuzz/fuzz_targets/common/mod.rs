//! What the file targets share: one scorer with the built-in lexicons and two pools (one
//! thread, two), built once per fuzzing process.
// Each target compiles this module and uses a part of it (eval_gold only the scorer).
#![allow(dead_code)]

use detente::Scorer;
use detente::score::batch::Pool;
use std::sync::OnceLock;

pub struct Setup {
    pub scorer: Scorer,
    pub one: Pool,
    pub two: Pool,
}

pub fn setup() -> &'static Setup {
    static S: OnceLock<Setup> = OnceLock::new();
    S.get_or_init(|| Setup {
        scorer: Scorer::new().expect("built-in scorer"),
        one: Pool::single(),
        two: Pool::new(2).expect("pool"),
    })
}

/// `run` on one thread and on two: the same result, returned once.
pub fn on_both_pools<T: PartialEq + std::fmt::Debug>(run: impl Fn(&Pool) -> T) -> T {
    let s = setup();
    let a = run(&s.one);
    let b = run(&s.two);
    assert_eq!(a, b, "one thread and two differ");
    a
}
