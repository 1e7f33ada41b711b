//! Retry policy: which failures are retried, how long to wait, and when to give up.
//!
//! # The rule
//!
//! | failure | retried for |
//! | --- | --- |
//! | `429 Too Many Requests`, `503 Service Unavailable` | every method (Graph rejected the request before processing it) |
//! | `504 Gateway Timeout` | idempotent methods only (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`) |
//! | connection could not be established | every method (nothing reached the server) |
//! | per-request timeout, other transport errors | idempotent methods only |
//!
//! So `PATCH` and `POST` (updates, `refresh`, `remediate`) are retried on 429/503 and connect
//! errors only: a 504 or a timeout may hide a request the server did carry out.
//!
//! # The wait
//!
//! A `Retry-After` header wins: integer seconds, fractional seconds (`0.05`), or an HTTP-date.
//! If it asks for more than [`RetryPolicy::with_max_retry_after`], the runtime gives up rather
//! than hammer the server early; so does a number too large to represent (`1e20`, `inf`). Only
//! a value that is not a non-negative number or an HTTP-date counts as no header. Without the header the wait is exponential backoff
//! (`initial * 2^(n-1)`, capped at `max_backoff`) with jitter (a random 50–100 % of it).
//! Retrying stops when `max_attempts` is reached or the next wait would end past `max_elapsed`
//! since the first attempt; the error is then [`Error::RetriesExhausted`](super::Error).

use std::time::{Duration, SystemTime};

use reqwest::{Method, StatusCode};

use super::error::Error;

/// Bounds and delays for retrying throttled or failed requests. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    max_elapsed: Duration,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, 60 s in total, backoff from 500 ms up to 30 s, `Retry-After` up to 60 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_elapsed: Duration::from_secs(60),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (one attempt).
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Total attempts including the first (must be at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// Upper bound on the time from the first attempt to the start of the last retry.
    pub fn with_max_elapsed(mut self, max: Duration) -> Self {
        self.max_elapsed = max;
        self
    }

    /// The first backoff delay when the server gives no `Retry-After`.
    pub fn with_initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// The largest backoff delay when the server gives no `Retry-After`.
    pub fn with_max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// The longest single `Retry-After` wait honoured; a longer one ends retrying.
    pub fn with_max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// Total attempts including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.max_attempts == 0 {
            return Err(Error::invalid_config(
                "retry policy: max_attempts must be at least 1",
            ));
        }
        if self.initial_backoff > self.max_backoff {
            return Err(Error::invalid_config(
                "retry policy: initial_backoff must not exceed max_backoff",
            ));
        }
        Ok(())
    }

    /// The wait before the next attempt, or `None` to stop retrying.
    ///
    /// `failed_attempts` counts attempts made so far (>= 1); `elapsed` is the time since the
    /// first attempt; `retry_after` is the server's hint, if any.
    pub(crate) fn next_delay(
        &self,
        failed_attempts: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if failed_attempts >= self.max_attempts {
            return None;
        }
        let delay = match retry_after {
            Some(hint) if hint > self.max_retry_after => return None,
            Some(hint) => hint,
            None => self.backoff(failed_attempts),
        };
        (elapsed.saturating_add(delay) <= self.max_elapsed).then_some(delay)
    }

    /// Exponential backoff with 50–100 % jitter for the n-th retry (n >= 1).
    fn backoff(&self, n: u32) -> Duration {
        let factor = 2u32.saturating_pow(n.saturating_sub(1));
        let full = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        // Not `mul_f64`, which panics when rounding takes a `max_backoff` near `Duration::MAX`
        // past what a `Duration` holds.
        let jittered = full.as_secs_f64() * (0.5 + fastrand::f64() * 0.5);
        Duration::try_from_secs_f64(jittered).unwrap_or(full)
    }
}

/// True for methods whose repetition has no extra effect.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    )
}

/// Whether a response status is worth retrying for this method (see the module docs).
pub(crate) fn status_is_retryable(method: &Method, status: StatusCode) -> bool {
    match status {
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => true,
        StatusCode::GATEWAY_TIMEOUT => is_idempotent(method),
        _ => false,
    }
}

/// Whether a transport-level failure is worth retrying for this method.
pub(crate) fn error_is_retryable(method: &Method, error: &Error) -> bool {
    match error {
        Error::Transport { source, .. } if source.is_connect() => true,
        Error::Transport { .. } | Error::Timeout { .. } => is_idempotent(method),
        _ => false,
    }
}

/// Parses `Retry-After`: integer or fractional seconds, or an HTTP-date (relative to `now`).
/// `None` only for a value that is neither a non-negative number nor an HTTP-date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return seconds(secs);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number of seconds as a wait: `Duration::MAX` when it is too large to represent (longer
/// than any cap, so retrying ends), `None` when it is negative or NaN.
fn seconds(secs: f64) -> Option<Duration> {
    match Duration::try_from_secs_f64(secs) {
        Ok(wait) => Some(wait),
        Err(_) if secs > 0.0 => Some(Duration::MAX),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_formats() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after(" 0.05 ", now),
            Some(Duration::from_millis(50))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(7)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(7));
        assert_eq!(parse_retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("NaN", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn retry_after_too_large_to_represent_is_the_longest_wait() {
        let now = SystemTime::UNIX_EPOCH;
        for huge in [
            "1e20",
            "18446744073709551616",
            "inf",
            "+Infinity",
            &"9".repeat(400),
        ] {
            assert_eq!(parse_retry_after(huge, now), Some(Duration::MAX), "{huge}");
        }
        assert_eq!(parse_retry_after("-inf", now), None);
        assert_eq!(parse_retry_after("-1e20", now), None);
        let p = RetryPolicy::default();
        assert_eq!(p.next_delay(1, Duration::ZERO, Some(Duration::MAX)), None);
    }

    #[test]
    fn unbounded_policies_do_not_overflow() {
        let p = RetryPolicy::default()
            .with_max_retry_after(Duration::MAX)
            .with_max_backoff(Duration::MAX)
            .with_initial_backoff(Duration::MAX);
        let late = Duration::from_secs(30);
        assert_eq!(p.next_delay(1, late, Some(Duration::MAX)), None);
        for n in 1..4 {
            let d = p.next_delay(n, Duration::ZERO, None);
            assert_eq!(d, None, "a wait past max_elapsed ends retrying");
        }
        let p = p.with_max_elapsed(Duration::MAX);
        let d = p.next_delay(1, Duration::ZERO, None).unwrap_or_default();
        assert!(d >= Duration::MAX / 2, "{d:?}");
    }

    #[test]
    fn retry_rule_by_method() {
        use StatusCode as S;
        assert!(status_is_retryable(&Method::POST, S::TOO_MANY_REQUESTS));
        assert!(status_is_retryable(&Method::PATCH, S::SERVICE_UNAVAILABLE));
        assert!(!status_is_retryable(&Method::PATCH, S::GATEWAY_TIMEOUT));
        assert!(status_is_retryable(&Method::GET, S::GATEWAY_TIMEOUT));
        assert!(!status_is_retryable(&Method::GET, S::INTERNAL_SERVER_ERROR));
        assert!(!status_is_retryable(&Method::GET, S::BAD_REQUEST));
    }

    #[test]
    fn delays_are_bounded() {
        let p = RetryPolicy::default()
            .with_max_attempts(5)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(300))
            .with_max_elapsed(Duration::from_secs(10))
            .with_max_retry_after(Duration::from_secs(5));
        for n in 1..5 {
            let d = p.next_delay(n, Duration::ZERO, None).unwrap_or_default();
            let full = Duration::from_millis(100 * 2u64.pow(n - 1)).min(Duration::from_millis(300));
            assert!(d >= full / 2 && d <= full, "n={n} d={d:?}");
        }
        assert_eq!(
            p.next_delay(5, Duration::ZERO, None),
            None,
            "attempts bound"
        );
        let two = Some(Duration::from_secs(2));
        assert_eq!(p.next_delay(1, Duration::ZERO, two), two);
        assert_eq!(
            p.next_delay(1, Duration::from_secs(9), two),
            None,
            "time bound"
        );
        assert_eq!(
            p.next_delay(1, Duration::ZERO, Some(Duration::from_secs(6))),
            None,
            "cap"
        );
        assert!(
            RetryPolicy::default()
                .with_max_attempts(0)
                .validate()
                .is_err()
        );
    }
}
