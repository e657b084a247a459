//! What the commit says about time: the build date, and when each content file was first
//! published and last changed. Never the clock: two builds of one commit give the same site,
//! and a status such as "Planlagt" is judged against the day of the commit.
//!
//! The one home of the build date: the generated data (`generate.rs`), the templates (through
//! `generated/build.json`) and any check that compares dates with "today" use [`build_date`].

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::dates::{days_in_month, Date};

/// The day the site is built: `SOURCE_DATE_EPOCH` (the reproducible-builds convention) if set,
/// else the time of the last commit of the repository `root` is in. `None` outside a git
/// repository without the variable: statuses are then shown as the front matter states them.
pub(crate) fn build_date(root: &Path) -> Option<Date> {
    if let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") {
        return value.trim().parse::<i64>().ok().map(oslo_date);
    }
    let out = git(root, &["log", "-1", "--format=%ct"])?;
    out.trim().parse::<i64>().ok().map(oslo_date)
}

/// When a content file was first committed and when it was last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileDates {
    pub published: Date,
    pub changed: Date,
}

/// The first and last commit date of every file under `content/`, keyed by its path relative to
/// `content/` (`saker/48-6-2022.md`), from one `git log` over the whole history (one call for
/// all files, not one per page). Empty outside a git repository or for untracked files.
pub(crate) fn file_dates(root: &Path) -> BTreeMap<String, FileDates> {
    let mut dates = BTreeMap::new();
    // A shallow clone (CI's default checkout) sees every file as added in its one commit: the
    // dates would be invented. Unknown is shown as unknown.
    if git(root, &["rev-parse", "--is-shallow-repository"]).is_some_and(|o| o.trim() == "true") {
        return dates;
    }
    // Newest commit first: the first date seen for a file is its last change.
    let Some(log) = git(
        root,
        &[
            "log",
            "--relative",
            "--no-renames",
            "--format=%x00%ct",
            "--name-only",
            "--",
            "content",
        ],
    ) else {
        return dates;
    };
    let mut when: Option<Date> = None;
    for line in log.lines() {
        if let Some(epoch) = line.strip_prefix('\0') {
            when = epoch.trim().parse::<i64>().ok().map(oslo_date);
        } else if let (Some(day), Some(path)) = (when, line.strip_prefix("content/")) {
            dates
                .entry(path.to_owned())
                .and_modify(|d: &mut FileDates| d.published = day)
                .or_insert(FileDates {
                    published: day,
                    changed: day,
                });
        }
    }
    dates
}

/// Runs git in `dir`; `None` if git is missing or fails (not a repository).
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The calendar date in Norway (CET, CEST from the last Sunday of March to the last Sunday of
/// October, switching at 01:00 UTC) of a Unix time: a commit at 23:30 UTC in winter is made on
/// the next day in Oslo.
pub(crate) fn oslo_date(epoch: i64) -> Date {
    let utc = civil(epoch.div_euclid(86_400));
    let last_sunday = |month: u32| {
        let last = days_in_month(utc.year, month);
        last - (crate::dates::weekday(utc.year, month, last) + 1) % 7
    };
    let start = days_from_civil(utc.year, 3, last_sunday(3)) * 86_400 + 3_600;
    let end = days_from_civil(utc.year, 10, last_sunday(10)) * 86_400 + 3_600;
    let offset = if (start..end).contains(&epoch) {
        7_200
    } else {
        3_600
    };
    civil((epoch + offset).div_euclid(86_400))
}

/// Days since 1970-01-01 → date (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// Date → days since 1970-01-01 (`days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn dates_in_oslo() {
        assert_eq!(oslo_date(0), d(1970, 1, 1));
        // 2026-01-14 12:00 UTC
        assert_eq!(oslo_date(1_768_392_000), d(2026, 1, 14));
        // 2025-12-31 23:30 UTC is already New Year's Day in Oslo (CET).
        assert_eq!(oslo_date(1_767_223_800), d(2026, 1, 1));
        // 2025-07-01 22:30 UTC is 00:30 on 2 July in Oslo (CEST), but 23:30 in winter time.
        assert_eq!(oslo_date(1_751_409_000), d(2025, 7, 2));
        // 2025-10-26 00:30 UTC: summer time until 01:00 UTC, so 02:30 in Oslo.
        assert_eq!(oslo_date(1_761_438_600), d(2025, 10, 26));
        // 2025-11-30 23:30 UTC: winter time, 00:30 on 1 December.
        assert_eq!(oslo_date(1_764_545_400), d(2025, 12, 1));
        // 2025-11-30 22:30 UTC: 23:30 on 30 November.
        assert_eq!(oslo_date(1_764_541_800), d(2025, 11, 30));
    }

    #[test]
    fn days_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_454, 2_932_896] {
            let date = civil(days);
            assert_eq!(days_from_civil(date.year, date.month, date.day), days);
        }
    }
}
