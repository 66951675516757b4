//! Tables in and out: finding columns in a quotes CSV, streaming it through the scorer in
//! batches, and writing scores as CSV or JSON Lines with every input column kept.

mod columns;
mod rows;
mod split;
mod stream;
mod write;

pub(crate) use stream::{LineEnds, csv_error, header_names, read_record, speaker_of};

pub(crate) use columns::lookup;
pub use columns::{ColumnMap, ColumnSpec, Role, ScoreColumns, score_columns};
pub use rows::{Place, Row, Rows};
pub use stream::{
    OnError, Reject, RowError, Source, Split, StreamOptions, Summary, check_row, is_delimiter,
    score_stream,
};
pub use write::{
    Format, SCORE_COLUMNS, ScoreFields, as_written, csv_field_escaped, csv_record,
    csv_record_escaped, fixed, looks_like_formula, write_jsonl,
};
