//! Property tests of the number/reference parser and the front-matter reader, with a seeded
//! generator (no dependency): no panic on any input, and normalised numbers round-trip.

use ho21_tools::diagnostics::{Report, SourceFile};
use ho21_tools::frontmatter;
use ho21_tools::ids::{find_mentions, parse_case_number, CaseId, MeetingId, NumberFormat, Target};
use ho21_tools::model::{CaseExtra, FrontMatter, MeetingExtra};

/// xorshift64*: deterministic, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PIECES: &[&str] = &[
    "Sak",
    "sak",
    "saken",
    "møte",
    "rådsmøte",
    "møtet",
    " ",
    " ",
    "/",
    "/",
    ".",
    "-",
    "*",
    "**",
    "\n",
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "9",
    "22",
    "2022",
    "21",
    "25",
    "2025",
    "48",
    "123",
    "9999",
    "ø",
    "å",
    "«",
    "»",
    "t.o.m.",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "é",
    "\u{200b}",
];

fn random_text(rng: &mut Rng, max: usize) -> String {
    let n = rng.below(max);
    (0..n).map(|_| *rng.pick(PIECES)).collect()
}

#[test]
fn parser_never_panics_and_mentions_are_in_bounds() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..200_000 {
        let text = random_text(&mut rng, 24);
        let _ = parse_case_number(&text);
        for m in find_mentions(&text) {
            assert!(m.start <= m.number_start && m.number_start < m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            // What a mention found parses back to the same target.
            if let Target::Case(id, _) = m.target {
                assert_eq!(
                    parse_case_number(&text[m.number_start..m.end]).map(|(c, _)| c),
                    Some(id),
                    "{text:?}"
                );
            }
        }
    }
}

#[test]
fn normalised_numbers_round_trip() {
    let mut rng = Rng(42);
    for _ in 0..100_000 {
        let id = CaseId {
            number: 1 + rng.below(400) as u32,
            meeting: 1 + rng.below(12) as u32,
            year: 2000 + rng.below(100) as i32,
        };
        assert_eq!(CaseId::from_slug(&id.slug()), Some(id));
        assert_eq!(
            parse_case_number(&id.to_string()),
            Some((id, NumberFormat::Full))
        );
        assert_eq!(
            parse_case_number(&format!("Sak {}", id)),
            Some((id, NumberFormat::Full))
        );
        let short = format!("{}/{}/{:02}", id.number, id.meeting, id.year % 100);
        assert_eq!(
            parse_case_number(&short),
            Some((id, NumberFormat::ShortYear))
        );
        let dotted = format!("{}.{}.{:02}", id.number, id.meeting, id.year % 100);
        assert_eq!(parse_case_number(&dotted), Some((id, NumberFormat::Dotted)));
        let found = find_mentions(&format!("jf. sak {short}."));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].target, Target::Case(id, NumberFormat::ShortYear));
        let meeting = MeetingId::Numbered {
            year: id.year,
            number: id.meeting,
        };
        assert_eq!(MeetingId::from_slug(&meeting.slug()), Some(meeting));
    }
}

const CASE: &str = "+++\ntitle = \"Innspill til Nasjonalt eksportråd\"\ndate = 2022-11-28\n[extra]\nmeeting = \"2022-6\"\nnumber_as_written = [\"Sak 51/6/2022\", \"Sak 51/6/22\"]\ncase_types = [\"Orienteringssak\", \"Vedtakssak\"]\nsaksbehandlere = [\"Ina K. Dahlsveen\"]\nhas_paper = true\nforslag_til_vedtak = \"\"\"Rådet stiller seg bak innspillet.\"\"\"\n\n[[extra.vedlegg]]\nnr = 1\ntitle = \"Invitasjonsbrev\"\n+++\n### Bakgrunn\n\nSe sak 42/5/22.\n";

#[test]
fn front_matter_reader_never_panics_on_damaged_files() {
    let mut rng = Rng(7);
    let base = CASE.as_bytes();
    for i in 0..20_000 {
        let mut bytes = base.to_vec();
        for _ in 0..1 + rng.below(4) {
            match rng.below(4) {
                0 if !bytes.is_empty() => {
                    let at = rng.below(bytes.len());
                    bytes.remove(at);
                }
                1 => {
                    let at = rng.below(bytes.len() + 1);
                    let piece = rng.pick(&[
                        "\"",
                        "=",
                        "[",
                        "]",
                        "+++",
                        "\n",
                        "ø",
                        "2022-02-30",
                        "[extra]",
                        "{",
                        "'''",
                        "#",
                    ]);
                    bytes.splice(at..at, piece.bytes());
                }
                2 => bytes.truncate(rng.below(bytes.len() + 1)),
                _ => {
                    if !bytes.is_empty() {
                        let at = rng.below(bytes.len());
                        bytes[at] = *rng.pick(b"\"=[]\n+ 0aZ#");
                    }
                }
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let file = SourceFile {
            rel: format!("content/saker/fuzz-{i}.md"),
            text,
        };
        let mut report = Report::default();
        let parsed = frontmatter::parse::<FrontMatter<CaseExtra>>(&file, &mut report);
        let _ = frontmatter::parse::<FrontMatter<MeetingExtra>>(&file, &mut report);
        // A file that does not parse always gets a located problem.
        if parsed.is_none() {
            assert!(report.has_errors());
            for d in &report.diagnostics {
                assert!(d.line <= file.text.lines().count().max(1), "{d:?}");
            }
            let _ = report.render();
        }
    }
}

#[test]
fn line_and_column_are_right_for_every_offset() {
    let text = "a\nøå\n\nabc «x»\n";
    let file = SourceFile {
        rel: "x".into(),
        text: text.into(),
    };
    let mut rng = Rng(3);
    for _ in 0..1000 {
        let offset = rng.below(text.len() + 5);
        let (line, col) = file.line_col(offset);
        assert!(
            (1..=5).contains(&line) && col >= 1,
            "{offset}: {line}:{col}"
        );
    }
    assert_eq!(file.line_col(text.find('å').unwrap()), (2, 2));
    assert_eq!(file.line_col(text.find('x').unwrap()), (4, 6));
}
