//! detente rates what leaders say on a scale from hostile to cooperative.
#![deny(missing_docs)]

pub mod error;
pub mod lexicon;
pub mod text;

pub use error::{Error, ErrorKind, Location, Result};
pub mod score;
pub mod table;

pub use lexicon::{Categories, Category, CategoryId, Lexicon, Side};
pub use score::{Explanation, Hit, Label, LangMode, Score, Scorer, ScorerBuilder};
pub use text::Lang;
