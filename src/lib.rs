//! detente rates what leaders say on a scale from hostile to cooperative, and explains why.
//!
//! It is lexicon-based: plain TSV lexicons of threats, force, coercion, demands, accusation,
//! insult and defiance on one side and praise, gratitude, respect, dialogue, agreement,
//! commitment, partnership and de-escalation on the other, in English and Spanish, plus rules
//! for negation, boosters and dampeners, contrast, capitals, exclamations, questions,
//! conditional threats and approval of hostile acts.
//!
//! - [`Scorer`] scores one statement into a [`Score`]: `tone` in (-1, 1), a [`Label`], hostility
//!   and cooperation shares, a Goldstein-style estimate, the dominant category and the
//!   [`Hit`]s that explain it. It is pure and `Send + Sync`.
//! - [`lexicon`] loads and validates lexicons (built-in or user files) with `file:line` errors.
//! - [`table`] streams a quotes CSV through the scorer in parallel batches, keeping input order.
//! - [`text`] holds the tokenizer and the English/Spanish guess.
//! - [`eval`] measures the scorer against hand-labelled statements (correlation, error,
//!   three-class and label accuracy, per-category precision), as `detente eval` does.
//!
//! The library does no I/O of its own beyond the readers and writers you hand it.
//!
//! # Example
//!
//! ```
//! use detente::{Label, Scorer};
//!
//! # fn main() -> Result<(), detente::Error> {
//! let scorer = Scorer::new()?;
//! let threat = scorer.score("If they do not stop, we will strike the cartels.");
//! assert_eq!(threat.label, Label::Hostile);
//!
//! // A call and a meeting ahead: warm, but no agreement, thanks or partnership yet, so the
//! // inner band (conciliatory), not the outer one (cooperative).
//! let call = scorer.score("A great call with President Petro. I look forward to meeting him.");
//! assert_eq!(call.label, Label::Conciliatory);
//! assert!(call.tone > 0.4);
//! for hit in &call.hits {
//!     let category = &scorer.categories().get(hit.category).name;
//!     println!("{} ({category}) {:+.2}", scorer.term(call.lang, hit), hit.weight);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Adding an entry of your own (the same TSV format as `lexicons/`):
//!
//! ```
//! use detente::{Lang, Location, Scorer};
//!
//! # fn main() -> Result<(), detente::Error> {
//! let scorer = Scorer::builder()
//!     .lexicon(Some(Lang::En), "fentanyl flood\t-2.5\taccusation\n", Location::in_source("mine"))
//!     .build()?;
//! assert!(scorer.score("They caused the fentanyl flood").tone < 0.0);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod error;
pub mod eval;
pub mod lexicon;
pub mod report;
pub mod score;
pub mod table;
pub mod text;

pub use error::{Error, ErrorKind, Location, Result};
pub use lexicon::{Categories, Category, CategoryId, Lexicon, Side};
pub use score::{Band, Explanation, Hit, Label, LangMode, Score, Scorer, ScorerBuilder};
pub use text::Lang;
