//! Any text as dates in each `--date-format`, and as an events file (`report --events`): no
//! panic; a day read back from its ISO form is the same day; an events file gives events
//! whose days read back the same and phases that end no earlier than they start, or an error
//! that names the file.
#![no_main]

use detente::Location;
use detente::analysis::dates::{DateFormat, Day};
use detente::report::read_events_as;
use libfuzzer_sys::fuzz_target;

const FORMATS: [DateFormat; 5] = [
    DateFormat::Iso,
    DateFormat::Dmy,
    DateFormat::Mdy,
    DateFormat::Ymd,
    DateFormat::Unix,
];

fn same_day_again(day: Day) {
    let (y, m, d) = day.ymd();
    assert_eq!(Day::from_ymd(y, m, d), Some(day));
    assert_eq!(Day::parse(&day.to_string()), Ok(day), "{day}");
}

fuzz_target!(|data: &[u8]| {
    let Some((&knob, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let format = FORMATS[usize::from(knob) % FORMATS.len()];
    for line in text.lines().take(64) {
        if let Ok(day) = format.parse(line) {
            same_day_again(day);
        }
        if let Ok(day) = format.parse_setting(line) {
            same_day_again(day);
        }
        let _ = format.other_order_fits(line);
    }
    match read_events_as(rest, &Location::in_source("events.csv"), format) {
        Ok((events, phases)) => {
            for e in &events {
                same_day_again(e.day);
            }
            for p in &phases {
                assert!(p.start <= p.end, "a phase ends before it starts: {p:?}");
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("events.csv"),
                "the error names the file: {msg}"
            );
            assert!(msg.len() < 2000, "{msg}");
        }
    }
});
