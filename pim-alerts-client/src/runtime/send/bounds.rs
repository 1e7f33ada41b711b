//! The bounds of one response: a deadline that covers the token, the headers and the body,
//! and a body read up to the configured size limit.

use std::future::poll_fn;
use std::pin::Pin;
use std::task::Poll;

use bytes::Bytes;

use super::super::auth::AuthError;
use super::super::error::Error;

/// Why a response body could not be read.
pub(super) enum BodyError {
    /// Reading failed (connection reset, truncated body...).
    Transport(reqwest::Error),
    /// It is longer than the configured limit.
    TooLarge,
}

impl From<reqwest::Error> for BodyError {
    fn from(error: reqwest::Error) -> Self {
        BodyError::Transport(error)
    }
}

/// The body of `resp`, at most `limit` bytes. A body that arrives in one chunk (the common
/// small response) is kept as the `Bytes` it came in; only a longer one is copied together.
pub(super) async fn read_body(
    mut resp: reqwest::Response,
    limit: usize,
) -> Result<Bytes, BodyError> {
    let announced = resp.content_length();
    let first = match resp.chunk().await? {
        Some(chunk) => fits(chunk, 0, limit)?,
        None => return Ok(Bytes::new()),
    };
    let Some(second) = resp.chunk().await? else {
        return Ok(first);
    };
    let second = fits(second, first.len(), limit)?;
    let known = first.len() + second.len();
    // At most `limit`: a longer `Content-Length` was refused before reading.
    let expected = announced.and_then(|n| usize::try_from(n).ok());
    let mut body = Vec::with_capacity(expected.unwrap_or(known).min(limit).max(known));
    body.extend_from_slice(&first);
    body.extend_from_slice(&second);
    while let Some(chunk) = resp.chunk().await? {
        body.extend_from_slice(&fits(chunk, body.len(), limit)?);
    }
    Ok(body.into())
}

/// `chunk` if `read` bytes and it stay within `limit` (`read` never exceeds it).
fn fits(chunk: Bytes, read: usize, limit: usize) -> Result<Bytes, BodyError> {
    match chunk.len() > limit - read {
        true => Err(BodyError::TooLarge),
        false => Ok(chunk),
    }
}

/// The provider gave no token before the per-request deadline: an authentication failure (no
/// request was sent, so it is not a response timeout).
pub(super) fn no_token_within(timeout: std::time::Duration) -> Error {
    let message = format!(
        "the token provider gave no token within the request timeout ({timeout:?}); nothing was sent"
    );
    Error::Auth(AuthError::new(message))
}

/// `work`'s output, or `None` once `deadline` has completed. `work` is polled first, so a
/// response that is ready is never lost to the timer; both stay pinned where the caller holds
/// them, and one deadline bounds, in turn, the wait for a token, the response and its body
/// (instead of a `tokio::time::timeout` around each, which costs a few hundred instructions a
/// request more).
pub(super) fn within<D: Future<Output = ()>, F: Future>(
    mut deadline: Pin<&mut D>,
    mut work: Pin<&mut F>,
) -> impl Future<Output = Option<F::Output>> {
    poll_fn(move |cx| match work.as_mut().poll(cx) {
        Poll::Ready(output) => Poll::Ready(Some(output)),
        Poll::Pending => deadline.as_mut().poll(cx).map(|()| None),
    })
}

#[cfg(test)]
mod tests {
    use std::pin::pin;
    use std::time::Duration;

    use tokio::task::coop::unconstrained;

    use super::*;

    /// The per-attempt deadline must end an exchange that never completes even when it uses up
    /// the task's cooperative budget on every poll (a plain `Sleep` would then never be seen).
    #[tokio::test]
    async fn the_deadline_ends_work_that_uses_up_the_cooperative_budget() {
        let busy = async {
            loop {
                tokio::task::consume_budget().await;
            }
        };
        let deadline = pin!(unconstrained(tokio::time::sleep(Duration::from_millis(50))));
        let busy = pin!(busy);
        let outcome = tokio::time::timeout(Duration::from_secs(5), within(deadline, busy));
        assert!(
            matches!(outcome.await, Ok(None)),
            "the deadline was starved"
        );
    }

    #[test]
    fn a_chunk_fits_up_to_the_limit_exactly() {
        let chunk = |n: usize| Bytes::from(vec![b'a'; n]);
        assert!(fits(chunk(10), 90, 100).is_ok());
        assert!(matches!(fits(chunk(11), 90, 100), Err(BodyError::TooLarge)));
        assert!(fits(chunk(0), 100, 100).is_ok());
        assert!(matches!(fits(chunk(1), 100, 100), Err(BodyError::TooLarge)));
        assert!(matches!(fits(chunk(101), 0, 100), Err(BodyError::TooLarge)));
    }
}
