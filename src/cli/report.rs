//! `detente report`: a tone report over a quotes CSV (or `detente score` output) as a
//! self-contained HTML page, Markdown with SVG charts beside it, or a terminal summary.
//!
//! Usage: detente report INPUT [-o PATH] [--format html|md|text] [--event DATE=LABEL]...
//!        [--phase NAME=START..END]... [--events FILE]

use super::io::{Output, decode, location, open_input};
use super::progress::Progress;
use super::table_args::{Rejects, TableArgs};
use super::{EXIT_OK, EXIT_PARTIAL, LexiconArgs};
use clap::{Args, ValueEnum};
use detente::analysis::Aliases;
use detente::analysis::dates::{DateFormat, TimeUnit};
use detente::report::{
    Event, Phase, ReportOptions, Selection, html, json, markdown, read_events_as,
    report_from_reader, report_from_reopenable, series, terminal,
};
use detente::{Error, ErrorKind, Location};
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Html,
    Md,
    Text,
    Json,
}

/// Arguments of `detente report`.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  detente report examples/data/petro_trump_2026.csv -o tone-report.html \\\n      \
--event 2026-01-04=\"Trump warning\" --event 2026-01-07=\"Phone call\" \\\n      \
--phase \"Threats=2026-01-04..2026-01-05\" --phase \"Call=2026-01-07..2026-01-07\"\n  \
detente report scores.csv --format md -o tone-report.md\n  \
detente report quotes.csv --events examples/data/petro_trump_events.csv\n  \
detente report examples/data/petro_trump_2026.csv --aliases examples/data/petro_trump_sides.csv \\\n      \
--speaker \"United States\" --from 2026-01-01 --format json -o us.json"
)]
pub struct ReportArgs {
    /// Quotes CSV, or the output of `detente score` (its scores are used as they are); `-`
    /// reads stdin.
    #[arg(value_name = "INPUT")]
    input: String,

    /// Where to write the report; `-` writes stdout. Written atomically. With --format md, the
    /// charts are written beside it as NAME-timeline.svg, NAME-phases.svg ...
    #[arg(short, long, default_value = "-", value_name = "PATH")]
    output: String,

    /// html, md, text or json (every number of the report, for programs); by default taken
    /// from the output's extension (.html, .md, .json), else text.
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,

    /// Title at the top of the report.
    #[arg(long)]
    title: Option<String>,

    /// Score each statement's sentences (or paragraphs) apart, each a statement of the report
    /// (with the row's date, speaker and target), as `detente score --split` writes them. For
    /// speeches and long posts. Raw quotes only: a file `detente score` wrote is reported as
    /// it was scored.
    #[arg(long, value_enum, value_name = "UNIT")]
    split: Option<super::score::SplitArg>,

    /// Speakers shown one by one, the most prolific first (tables, timeline lines, headlines),
    /// and speaker-target pairs shown; the others count in "All speakers". 0 shows every one
    /// (a corpus with thousands of speakers then makes a very long report).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TOP_SPEAKERS)]
    top_speakers: usize,

    /// Mark an event on the charts: DATE=LABEL (YYYY-MM-DD, or as --date-format says).
    /// Repeatable.
    #[arg(long = "event", value_name = "DATE=LABEL")]
    events: Vec<String>,

    /// Compare a phase: NAME=START..END (inclusive dates; START alone for one day).
    /// Repeatable, in order. Without phases, a turning point is detected.
    #[arg(long = "phase", value_name = "NAME=START..END")]
    phases: Vec<String>,

    /// Events and phases from a CSV with columns kind,date,end,label (kind is event or phase).
    #[arg(long = "events", value_name = "FILE")]
    events_file: Option<String>,

    /// Report only on this speaker's statements (the speaker column's value, exactly, after
    /// trimming; "(unknown)" for a blank one). Repeatable. The other rows are still read and
    /// checked (a bad one is rejected) but left out of every figure, and counted in the method
    /// section.
    #[arg(long = "speaker", value_name = "NAME")]
    speakers: Vec<String>,

    /// Count a speaker or target name as another: NAME=AS. Repeatable. Merges spellings of
    /// one speaker ("Gustavo Petro=Petro") or groups people into the side they speak for
    /// ("Trump=United States", "Rubio=United States"); --speaker then names the side.
    #[arg(long = "alias", value_name = "NAME=AS")]
    alias: Vec<String>,

    /// Aliases from a CSV with columns name,as (one name per row), as --alias.
    #[arg(long = "aliases", value_name = "FILE")]
    aliases_file: Option<String>,

    /// Report only on statements dated on or after this day (YYYY-MM-DD, or as --date-format
    /// says); undated statements are then left out.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,

    /// Report only on statements dated on or before this day (as --from).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// How the input's dates are written: iso (YYYY-MM-DD, the default), dmy (04/01/2026,
    /// 4 Jan 2026, 4 de enero de 2026), mdy (01/04/2026, Jan 4, 2026), ymd (2026/01/04) or
    /// unix (seconds since 1970, the UTC day). ISO dates and month names (English, Spanish)
    /// are read in every order but unix; a time after the date is ignored. Events and phases
    /// (--event, --phase, --events) are read the same way (YYYY-MM-DD under unix).
    #[arg(long, value_name = "FORMAT", default_value = "iso", value_parser = parse_date_format)]
    date_format: DateFormat,

    /// Also write the numbers behind the tone lines to this CSV (kind, speaker, target, period,
    /// unit, statements, mean_tone): everyone, each speaker shown and each pair shown, per day,
    /// week or month as --time-unit says. Written atomically.
    #[arg(long, value_name = "PATH")]
    series: Option<String>,

    /// In the --series CSV, write a ' before a speaker or target name a spreadsheet would run
    /// as a formula (starting with =, +, -, @, a tab or CR: "@petrogustavo"), so that it shows
    /// as text. Off by default: names are kept exactly.
    #[arg(long, requires = "series")]
    escape_formulas: bool,

    /// The time unit of the tone lines on the timeline and the who-to-whom chart: day, week
    /// (from Monday) or month means; auto picks days for dates spanning up to 92 days or
    /// falling on up to 60 days, else weeks up to a span of three years, months beyond. The
    /// zoom on the phases is always by day.
    #[arg(long, value_name = "UNIT", default_value = "auto", value_parser = parse_time_unit)]
    time_unit: TimeUnit,

    /// Memory, in MiB, that the day-by-day figures of single speakers and speaker-target
    /// pairs may take before report reads a file again to keep them only for those it shows
    /// (a corpus of thousands of speakers over years; the report is the same). Reading stdin,
    /// it cannot: memory then grows with speakers times days, and a warning says so.
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MEMORY_BUDGET_MIB)]
    memory_budget: usize,

    #[command(flatten)]
    table: TableArgs,

    #[command(flatten)]
    lexicon: LexiconArgs,

    /// Print nothing on stderr but errors: no summary, no progress bar. (The bar is drawn only
    /// when stderr is a terminal; DETENTE_NO_PROGRESS=1 turns it off too.)
    #[arg(short, long)]
    quiet: bool,
}

/// `--memory-budget`'s default: [`detente::analysis::DEFAULT_BUDGET`] in MiB.
const DEFAULT_MEMORY_BUDGET_MIB: usize = detente::analysis::DEFAULT_BUDGET >> 20;

/// Speakers shown one by one unless `--top-speakers` says otherwise: enough for the actors of
/// a dispute, few enough for a chart to stay readable.
const DEFAULT_TOP_SPEAKERS: usize = 12;

fn parse_date_format(s: &str) -> Result<DateFormat, String> {
    s.parse()
}

fn parse_time_unit(s: &str) -> Result<TimeUnit, String> {
    s.parse()
}

fn arg_error(detail: String) -> Error {
    Error::new(
        ErrorKind::BadSetting { detail },
        Location::in_source("command line"),
    )
}

fn parse_event(s: &str, format: DateFormat) -> Result<Event, Error> {
    let (d, label) = s.split_once('=').ok_or_else(|| {
        arg_error(format!(
            "--event {s:?} must be DATE=LABEL, e.g. 2026-01-04=\"Trump warning\""
        ))
    })?;
    let day = format
        .parse_setting(d)
        .map_err(|e| arg_error(format!("--event {s:?}: {e}")))?;
    Ok(Event {
        day,
        label: label.trim().to_string(),
    })
}

fn parse_phase(s: &str, format: DateFormat) -> Result<Phase, Error> {
    let (name, range) = s.split_once('=').ok_or_else(|| {
        arg_error(format!(
            "--phase {s:?} must be NAME=START..END, e.g. \"Threats=2026-01-04..2026-01-05\""
        ))
    })?;
    let (a, b) = range.split_once("..").unwrap_or((range, range));
    let day = |d: &str| {
        format
            .parse_setting(d)
            .map_err(|e| arg_error(format!("--phase {s:?}: {e}")))
    };
    let (start, end) = (day(a)?, day(b)?);
    if end < start {
        return Err(arg_error(format!("--phase {s:?} ends before it starts")));
    }
    Ok(Phase {
        name: name.trim().to_string(),
        start,
        end,
    })
}

/// Reads `--aliases FILE`: a CSV with `name` and `as` columns (any others ignored), into
/// `aliases`; a bad row stops with its line.
fn read_aliases(path: &str, aliases: &mut Aliases) -> Result<(), Error> {
    let loc = location(path);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(open_input(path)?);
    let bad =
        |line: u64, detail: String| Error::new(ErrorKind::BadSetting { detail }, loc.at_line(line));
    let headers = rdr
        .headers()
        .map_err(|e| bad(1, format!("not a CSV: {e}")))?
        .clone();
    let col = |want: &str| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(want)
        })
    };
    let (Some(name_col), Some(as_col)) = (col("name"), col("as")) else {
        let found: Vec<&str> = headers.iter().collect();
        return Err(bad(
            1,
            format!(
                "an aliases file needs the columns name and as (found {found:?}); write a header \
                 row \"name,as\""
            ),
        ));
    };
    let mut record = csv::StringRecord::new();
    loop {
        let line = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let detail = match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => format!(
                        "invalid UTF-8 in field {}; re-encode the file as UTF-8 (for example \
                         `iconv -f latin1 -t utf-8`)",
                        err.field() + 1
                    ),
                    _ => format!("not a CSV row: {e}"),
                };
                let line = e.position().map_or(line, |p| p.line());
                return Err(bad(line, detail));
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let field = |c: usize| record.get(c).unwrap_or("").trim();
        let (name, canonical) = (field(name_col), field(as_col));
        if name.is_empty() && canonical.is_empty() {
            continue;
        }
        aliases.insert(name, canonical).map_err(|e| bad(line, e))?;
    }
    Ok(())
}

/// Runs `detente report`.
pub fn run(args: &ReportArgs) -> Result<u8, Error> {
    let format = args.format.unwrap_or_else(|| {
        let ext = Path::new(&args.output)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm") => ReportFormat::Html,
            Some("md" | "markdown") => ReportFormat::Md,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Text,
        }
    });
    let mut events = args
        .events
        .iter()
        .map(|e| parse_event(e, args.date_format))
        .collect::<Result<Vec<_>, _>>()?;
    let mut phases = args
        .phases
        .iter()
        .map(|p| parse_phase(p, args.date_format))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(f) = &args.events_file {
        let (more_events, more_phases) =
            read_events_as(open_input(f)?, &location(f), args.date_format)?;
        events.extend(more_events);
        phases.extend(more_phases);
    }
    events.sort_by_key(|e| e.day);
    let day = |flag: &str, d: &Option<String>| {
        d.as_deref()
            .map(|d| {
                args.date_format
                    .parse_setting(d)
                    .map_err(|e| arg_error(format!("{flag} {d:?}: {e}")))
            })
            .transpose()
    };
    let mut aliases = Aliases::new();
    for a in &args.alias {
        let (name, canonical) = a.split_once('=').ok_or_else(|| {
            arg_error(format!(
                "--alias {a:?} must be NAME=AS, e.g. \"Gustavo Petro=Petro\""
            ))
        })?;
        aliases
            .insert(name, canonical)
            .map_err(|e| arg_error(format!("--alias {a:?}: {e}")))?;
    }
    if let Some(f) = &args.aliases_file {
        read_aliases(f, &mut aliases)?;
    }
    let selection = Selection {
        speakers: args
            .speakers
            .iter()
            .map(|s| aliases.resolve(s.trim()).to_string())
            .collect(),
        from: day("--from", &args.from)?,
        to: day("--to", &args.to)?,
    };
    if let (Some(f), Some(t)) = (selection.from, selection.to)
        && t < f
    {
        return Err(arg_error(format!(
            "--to {t} is before --from {f}: no statement could be kept"
        )));
    }
    let input_name = if args.input == "-" {
        "stdin".to_string()
    } else {
        Path::new(&args.input)
            .file_name()
            .map_or_else(|| args.input.clone(), |n| n.to_string_lossy().into_owned())
    };
    let opts = ReportOptions {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| format!("Tone report: {input_name}")),
        events,
        phases,
        input: input_name,
        max_speakers: args.top_speakers,
        date_format: args.date_format,
        time_unit: args.time_unit,
        memory_budget: Some(args.memory_budget.saturating_mul(1 << 20)),
        selection,
        aliases,
    };
    let scorer = args.lexicon.scorer()?;
    let pool = args.table.pool()?;
    let mut stream = args.table.stream_options(&args.input, true);
    stream.split = super::score::SplitArg::of(args.split);
    let mut rejects = Rejects::new(args.table.rejects.as_deref(), args.quiet)?;
    let progress = Progress::new(&args.input, args.quiet);
    let report = if args.input == "-" {
        report_from_reader(
            decode(progress.wrap(open_input(&args.input)?), args.table.encoding),
            &scorer,
            &pool,
            &stream,
            &opts,
            |r| rejects.add(r),
        )?
    } else {
        let mut readings = 0;
        report_from_reopenable(
            || {
                readings += 1;
                match readings {
                    1 => {}
                    2 => progress.again("many speakers: counting them"),
                    _ => progress.again("reading again for the speakers shown"),
                }
                Ok(decode(
                    progress.wrap(open_input(&args.input)?),
                    args.table.encoding,
                ))
            },
            &scorer,
            &pool,
            &stream,
            &opts,
            |r| rejects.add(r),
        )?
    };
    drop(progress);
    let m = &report.method;
    if args.input == "-" && !args.quiet && args.top_speakers > 0 && m.detail_bytes > m.memory_budget
    {
        eprintln!(
            "detente: warning: the day-by-day figures of single speakers and pairs took about \
             {} MiB, over --memory-budget ({} MiB); from a file, report would have read it again \
             to keep only those it shows; from stdin it cannot, so memory grew with speakers \
             times days",
            m.detail_bytes >> 20,
            m.memory_budget >> 20
        );
    }
    if !args.quiet {
        for u in &m.unmatched {
            let why = u.hint.clone().unwrap_or_else(|| {
                "names are matched exactly, after trimming; check the spelling, or --from and \
                 --to"
                    .to_string()
            });
            eprintln!(
                "detente: warning: --speaker {:?} has no statement in the report: {why}",
                u.name
            );
        }
    }
    let out_loc = location(&args.output);
    let io_err = |e: std::io::Error| Error::io(&e, out_loc.clone());
    match format {
        ReportFormat::Html => {
            let mut out = Output::create(&args.output)?;
            html::render(&report, &mut out).map_err(io_err)?;
            out.commit()?;
        }
        ReportFormat::Text => {
            let mut out = Output::create(&args.output)?;
            terminal::render(&report, &mut out).map_err(io_err)?;
            out.commit()?;
        }
        ReportFormat::Json => {
            let mut out = Output::create(&args.output)?;
            json::render(&report, &mut out).map_err(io_err)?;
            out.commit()?;
        }
        ReportFormat::Md => {
            let mut names = Vec::new();
            if args.output != "-" {
                let path = Path::new(&args.output);
                let stem = path.file_stem().map_or_else(
                    || "report".to_string(),
                    |s| s.to_string_lossy().into_owned(),
                );
                let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
                for (name, svg) in markdown::charts_for(&report, &stem) {
                    let full =
                        dir.map_or_else(|| Path::new(&name).to_path_buf(), |d| d.join(&name));
                    let mut out = Output::create(&full.to_string_lossy())?;
                    out.write_all(svg.as_bytes()).map_err(io_err)?;
                    out.commit()?;
                    names.push(name);
                }
            }
            let mut out = Output::create(&args.output)?;
            markdown::render(&report, &names, &mut out).map_err(io_err)?;
            out.commit()?;
        }
    }
    if let Some(path) = &args.series {
        let loc = location(path);
        let mut out = Output::create(path)?;
        series::write_csv(&report, &mut out, args.escape_formulas)
            .map_err(|e| Error::io(&e, loc))?;
        out.commit()?;
    }
    rejects.finish(&report.summary, false)?;
    if !args.quiet && args.output != "-" {
        eprintln!(
            "detente: wrote {} ({} statements)",
            args.output, report.summary.scored
        );
    }
    Ok(if report.summary.rejected > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
