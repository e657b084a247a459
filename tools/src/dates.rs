//! Calendar arithmetic without a date library: we need only validity, weekdays and Norwegian names.

use toml::value::Datetime;

use crate::model::DatePrecision;

/// The years a date in the content may have: four digits, also for the day after (the calendar
/// writes the day after an all-day event; year 0 and 9999 made an invalid calendar). The
/// synthetic archives of the benchmark reach back to 1526 (size L), or 1026 at the largest size
/// it accepts (1000y).
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

pub(crate) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

pub(crate) fn is_valid_date(year: i32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// 0 = Monday … 6 = Sunday (Sakamoto's method).
pub fn weekday(year: i32, month: u32, day: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_based =
        (y + y / 4 - y / 100 + y / 400 + T[(month - 1) as usize] + day as i32).rem_euclid(7);
    ((sunday_based + 6) % 7) as u32
}

pub const WEEKDAYS: [&str; 7] = [
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
];

/// The weekday named at the start of a date as written ("Onsdag 28. november 2022").
pub(crate) fn stated_weekday(written: &str) -> Option<u32> {
    let first = written
        .split_whitespace()
        .next()?
        .trim_end_matches(',')
        .to_lowercase();
    WEEKDAYS.iter().position(|d| *d == first).map(|i| i as u32)
}

/// Whether a date as written contains a four-digit year.
pub(crate) fn mentions_year(written: &str) -> bool {
    written.split(|c: char| !c.is_ascii_digit()).any(|part| {
        part.len() == 4 || (part.len() == 2 && written.contains('.') && !written.contains(' '))
    })
}

/// A plain calendar date (no time), as `date = 2022-11-28` in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Only a date without time or offset is accepted.
    pub fn from_toml(dt: &Datetime) -> Result<Date, String> {
        let Some(d) = dt.date else {
            return Err(format!(
                "«{dt}» er ikke en dato; skriv datoen som ÅÅÅÅ-MM-DD"
            ));
        };
        if dt.time.is_some() || dt.offset.is_some() {
            return Err(format!(
                "«{dt}» har klokkeslett; skriv bare datoen som ÅÅÅÅ-MM-DD"
            ));
        }
        let date = Date {
            year: d.year as i32,
            month: d.month as u32,
            day: d.day as u32,
        };
        if !is_valid_date(date.year, date.month, date.day) {
            return Err(format!("{dt} finnes ikke i kalenderen"));
        }
        if !YEARS.contains(&date.year) {
            return Err(format!(
                "årstallet {} i {dt} er ikke mulig; skriv et årstall mellom {} og {}",
                date.year,
                YEARS.start(),
                YEARS.end()
            ));
        }
        Ok(date)
    }

    pub fn weekday(&self) -> u32 {
        weekday(self.year, self.month, self.day)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

impl Date {
    /// "28. november 2022".
    pub fn nb(&self) -> String {
        format!(
            "{}. {} {}",
            self.day,
            MONTHS[(self.month - 1) as usize],
            self.year
        )
    }

    /// The day after (an all-day calendar entry ends on it).
    pub fn next_day(&self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date {
                day: self.day + 1,
                ..*self
            }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..*self
            }
        } else {
            Date {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    /// The last day of this date's month.
    pub(crate) fn month_end(&self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..*self
        }
    }
}

/// A date as precisely as the sources give it. The one place, for the tools' outputs, that
/// turns a date and its `date_precision` into words; `templates/macros/format.html` (`dated`)
/// does the same for the templates, and the built-site test
/// `no_output_shows_a_day_the_sources_do_not_give` holds the two to the same strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: Date,
    pub precision: DatePrecision,
}

impl Dated {
    /// "2025", "november 2025", "senest 28. november 2022", "tidligst 6. oktober 2022" or
    /// "28. november 2022".
    pub fn nb(&self) -> String {
        let d = &self.date;
        match self.precision {
            DatePrecision::Year => d.year.to_string(),
            DatePrecision::Month => format!("{} {}", MONTHS[(d.month - 1) as usize], d.year),
            DatePrecision::Before => format!("senest {}", d.nb()),
            DatePrecision::After => format!("tidligst {}", d.nb()),
            DatePrecision::Day => d.nb(),
        }
    }

    /// The first and the last day the sources allow (`None`: open-ended).
    pub fn range(&self) -> (Option<Date>, Option<Date>) {
        let d = self.date;
        match self.precision {
            DatePrecision::Day => (Some(d), Some(d)),
            DatePrecision::Month => (Some(d), Some(d.month_end())),
            DatePrecision::Year => (
                Some(d),
                Some(Date {
                    month: 12,
                    day: 31,
                    ..d
                }),
            ),
            DatePrecision::Before => (None, Some(d)),
            DatePrecision::After => (Some(d), None),
        }
    }
}

/// `"HH:MM"` with a real hour and minute.
pub(crate) fn is_valid_time(s: &str) -> bool {
    let Some((h, m)) = s.split_once(':') else {
        return false;
    };
    h.len() == 2
        && m.len() == 2
        && h.parse::<u32>().is_ok_and(|h| h < 24)
        && m.parse::<u32>().is_ok_and(|m| m < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_days() {
        let date = |year, month, day| Date { year, month, day };
        assert_eq!(date(2024, 2, 28).next_day(), date(2024, 2, 29));
        assert_eq!(date(2025, 2, 28).next_day(), date(2025, 3, 1));
        assert_eq!(date(2025, 12, 31).next_day(), date(2026, 1, 1));
    }

    #[test]
    fn years_the_calendar_cannot_write_are_refused() {
        for (text, year) in [
            ("9999-12-31", 9999),
            ("0000-01-01", 0),
            ("3000-01-01", 3000),
        ] {
            let dt: Datetime = text.parse().expect("TOML date");
            let err = Date::from_toml(&dt).expect_err(text);
            assert_eq!(
                err,
                format!(
                    "årstallet {year} i {text} er ikke mulig; skriv et årstall mellom 1000 og 2999"
                )
            );
        }
        for text in ["1526-01-01", "2999-12-31", "2025-06-12"] {
            let dt: Datetime = text.parse().expect("TOML date");
            assert!(Date::from_toml(&dt).is_ok(), "{text}");
        }
    }

    #[test]
    fn weekdays_of_known_dates() {
        // 28.11.2022 was a Monday (the minutes say Wednesday); 24.2.2025 a Monday; 8.10.2025 a Wednesday.
        assert_eq!(WEEKDAYS[weekday(2022, 11, 28) as usize], "mandag");
        assert_eq!(WEEKDAYS[weekday(2025, 2, 24) as usize], "mandag");
        assert_eq!(WEEKDAYS[weekday(2025, 10, 8) as usize], "onsdag");
        assert_eq!(WEEKDAYS[weekday(2026, 1, 14) as usize], "onsdag");
        assert_eq!(WEEKDAYS[weekday(2000, 2, 29) as usize], "tirsdag");
    }

    #[test]
    fn validity() {
        assert!(is_valid_date(2024, 2, 29));
        assert!(!is_valid_date(2023, 2, 29));
        assert!(!is_valid_date(2022, 13, 1));
        assert!(!is_valid_date(2022, 4, 31));
        assert!(is_valid_time("10:00"));
        assert!(!is_valid_time("24:00"));
        assert!(!is_valid_time("10.00"));
    }

    #[test]
    fn dates_as_precise_as_their_source() {
        let d = |year, month, day, precision| Dated {
            date: Date { year, month, day },
            precision,
        };
        assert_eq!(d(2025, 1, 1, DatePrecision::Year).nb(), "2025");
        assert_eq!(d(2025, 11, 1, DatePrecision::Month).nb(), "november 2025");
        assert_eq!(
            d(2022, 11, 28, DatePrecision::Before).nb(),
            "senest 28. november 2022"
        );
        assert_eq!(
            d(2022, 10, 6, DatePrecision::After).nb(),
            "tidligst 6. oktober 2022"
        );
        assert_eq!(d(2025, 2, 24, DatePrecision::Day).nb(), "24. februar 2025");
        assert_eq!(
            d(2024, 2, 1, DatePrecision::Month).range().1,
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert_eq!(d(2022, 10, 6, DatePrecision::After).range().1, None);
    }

    #[test]
    fn stated_weekday_and_year() {
        assert_eq!(stated_weekday("Onsdag 28. november 2022"), Some(2));
        assert_eq!(stated_weekday("14. januar"), None);
        assert!(mentions_year("Onsdag 28. november 2022"));
        assert!(!mentions_year("14. januar"));
        assert!(mentions_year("18.12.2025"));
    }
}
