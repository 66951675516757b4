//! detente's integration tests: one binary, one module per area.

/// Helpers: run the built binary in a fresh temp dir, build scorers on fixture lexicons.
#[path = "suite/util.rs"]
mod util;

/// Table-driven tests of each scoring rule against a fixed fixture lexicon.
#[path = "suite/rules.rs"]
mod rules;

/// The founding case (Petro-Trump, January 2026) with the built-in lexicons.
#[path = "suite/founding.rs"]
mod founding;

/// `detente score`: formats, column detection, stdin/stdout, determinism, bad input.
#[path = "suite/score_cmd.rs"]
mod score_cmd;

/// `detente report`: golden Markdown, HTML structure and escaping, detection, bad input.
#[path = "suite/report_cmd.rs"]
mod report_cmd;

/// `detente eval`: gold numbers in range, exact numbers on a hand-made file, bad labels, columns.
#[path = "suite/eval_cmd.rs"]
mod eval_cmd;

/// `detente explain` and `detente lexicon`.
#[path = "suite/other_cmds.rs"]
mod other_cmds;

/// The examples (petro_trump, custom_lexicon, score_stream) run and do what they say.
#[path = "suite/examples_run.rs"]
mod examples_run;

/// Library API contracts: thread safety, lexicon errors.
#[path = "suite/api.rs"]
mod api;

/// The benchmark corpus generator example: deterministic, its columns, scored by `detente score`.
#[path = "suite/examples_gen.rs"]
mod examples_gen;

/// Damaged real files through `score` and `report`: no panic, rows accounted, threads agree.
#[path = "suite/mutations.rs"]
mod mutations;
