//! Any text as a VADER lexicon or a LIWC dictionary for `detente lexicon import`: an error
//! that names the file, or entries that the TSV writer writes and the lexicon parser reads.
#![no_main]

use detente::Location;
use detente::lexicon::import::{self, Filter, LiwcMap, VaderOptions};
use detente::{Categories, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let cats = Categories::builtin().expect("categories");
    let origin = Location::in_source("fuzz.dic");
    let filter = Filter::default();
    let result = if knobs & 1 == 0 {
        let opts = VaderOptions {
            hostile: cats.find("insult"),
            cooperative: cats.find("praise"),
            hostile_strong: cats.find("threat").filter(|_| knobs & 2 != 0),
            cooperative_strong: cats.find("gratitude").filter(|_| knobs & 2 != 0),
            ..VaderOptions::default()
        };
        import::vader(&text, &origin, &opts, &cats, &filter)
    } else {
        let maps = vec![
            LiwcMap::parse("anger=insult:-2", &cats).expect("map"),
            LiwcMap::parse("posemo=praise:1", &cats).expect("map"),
            LiwcMap::parse("7=threat:-3", &cats).expect("map"),
        ];
        import::liwc(&text, &origin, &maps, &cats, &filter)
    };
    match result {
        Ok(imported) => {
            // What the import writes, `--lexicon` reads back.
            let mut tsv = Vec::new();
            import::write_tsv(&imported, &cats, &["fuzz".to_string()], &mut tsv).expect("write");
            let tsv = String::from_utf8(tsv).expect("the TSV is UTF-8");
            let built = Scorer::builder()
                .without_builtin()
                .lexicon(None, &tsv, Location::in_source("imported.tsv"))
                .build();
            if let Err(e) = built {
                panic!("the imported lexicon does not load: {e}\n{tsv}");
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("fuzz.dic"), "the error names the file: {msg}");
            assert!(msg.len() < 2000, "{msg}");
        }
    }
});
