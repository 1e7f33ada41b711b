//! URL policy: which base URLs are acceptable and which server links may be followed.
//!
//! * The base URL must use `https`, except for loopback hosts (`127.0.0.0/8`, `::1`,
//!   `localhost`), where plain `http` is allowed for tests and local proxies. It must not carry
//!   credentials, a query or a fragment.
//! * Links from the server (`@odata.nextLink`, `Location`) are resolved against the base URL
//!   and followed only when their origin (scheme, host, port) equals the base origin. Anything
//!   else is [`Error::ForeignOrigin`] and no request — hence no token — goes out.

use std::net::Ipv6Addr;

use url::{Host, Url};

use super::error::{Error, LinkKind, RequestContext};

/// The validated base URL of a client, kept in two forms for joining.
#[derive(Debug, Clone)]
pub(crate) struct BaseUrl {
    /// Without trailing slash, e.g. `https://graph.microsoft.com/beta`.
    trimmed: String,
    /// With trailing slash, used to resolve relative links.
    joinable: Url,
}

impl BaseUrl {
    /// Parses and checks a base URL (see the module docs for the rules).
    pub(crate) fn parse(raw: &str) -> Result<Self, Error> {
        let url = Url::parse(raw)
            .map_err(|e| Error::invalid_config(format!("base URL {raw:?} is not a URL: {e}")))?;
        check_scheme(&url)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid_config(
                "base URL must not contain credentials",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid_config(
                "base URL must not have a query or fragment",
            ));
        }
        let trimmed = url.as_str().trim_end_matches('/').to_owned();
        let joinable = Url::parse(&format!("{trimmed}/"))
            .map_err(|e| Error::invalid_config(format!("base URL {raw:?}: {e}")))?;
        Ok(BaseUrl { trimmed, joinable })
    }

    /// The base URL without trailing slash.
    pub(crate) fn as_str(&self) -> &str {
        &self.trimmed
    }

    /// The URL of `path` (encoded, starting with `/`) under the base URL, with `query` (encoded
    /// `name=value` pairs joined by `&`; empty for none).
    ///
    /// The same URL as parsing `base + path + "?" + query`, but the scheme and host are not
    /// parsed again: the path is resolved as `./path` against the base (the host parse alone
    /// is about 4,000 instructions for `127.0.0.1`, 2,000 for `graph.microsoft.com`). An empty
    /// or unusual path takes the full parse.
    pub(crate) fn url_for(&self, path: &str, query: &str) -> Result<Url, url::ParseError> {
        let relative = path
            .strip_prefix('/')
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '?', '#']));
        match relative {
            true => self.joinable.join(&join_raw(".", path, query)),
            false => Url::parse(&join_raw(&self.trimmed, path, query)),
        }
    }

    /// `scheme://host:port` of the base URL.
    pub(crate) fn origin(&self) -> String {
        origin_of(&self.joinable)
    }

    /// Resolves a server link (absolute, or relative to the base URL) and checks its origin.
    ///
    /// Whatever is wrong with the link is the service's fault, reported with the `context` of
    /// the request whose response carried it: [`Error::MissingLocation`] for a `Location`
    /// header that is not a URL (a 202 without a usable one), [`Error::InvalidLink`] for
    /// another link that is not a URL, [`Error::ForeignOrigin`] for a URL of another origin. A
    /// blank link is not a URL either, although it would resolve to the base URL itself (the
    /// service root).
    pub(crate) fn resolve_link(
        &self,
        link: &str,
        kind: LinkKind,
        context: impl FnOnce() -> RequestContext,
    ) -> Result<Url, Error> {
        let url = match self.join_link(link) {
            Ok(url) => url,
            Err(reason) => {
                let (context, reason) = (Box::new(context()), reason.into());
                return Err(match kind {
                    LinkKind::Location => Error::MissingLocation { context, reason },
                    _ => Error::InvalidLink {
                        kind,
                        context,
                        reason,
                    },
                });
            }
        };
        match self.foreign(&url) {
            None => Ok(url),
            Some((found, expected)) => Err(Error::ForeignOrigin {
                kind,
                found,
                expected,
                context: Some(Box::new(context())),
            }),
        }
    }

    /// Resolves a monitor URL the caller saved, as [`resolve_link`](Self::resolve_link) does a
    /// `Location`; no request is involved, so the errors carry no ids:
    /// [`Error::InvalidRequest`] for what is no URL, [`Error::ForeignOrigin`] for a URL of
    /// another origin.
    pub(crate) fn resolve_saved(&self, link: &str) -> Result<Url, Error> {
        let url = (self.join_link(link)).map_err(|reason| {
            Error::invalid_request(format!("saved operation location: {reason}"))
        })?;
        match self.foreign(&url) {
            None => Ok(url),
            Some((found, expected)) => Err(Error::ForeignOrigin {
                kind: LinkKind::SavedLocation,
                found,
                expected,
                context: None,
            }),
        }
    }

    /// `link` resolved against the base URL, or why it is not a URL.
    fn join_link(&self, link: &str) -> Result<Url, String> {
        if link.trim().is_empty() {
            return Err(format!("{link:?} is blank, not a URL"));
        }
        (self.joinable.join(link)).map_err(|e| format!("{link:?} is not a URL: {e}"))
    }

    /// The origins `(found, expected)` when `url` is not on the base origin, else `None`.
    pub(crate) fn foreign(&self, url: &Url) -> Option<(String, String)> {
        (!same_origin(&self.joinable, url)).then(|| (origin_of(url), self.origin()))
    }
}

/// `prefix + path`, then `?query` unless the query is empty.
fn join_raw(prefix: &str, path: &str, query: &str) -> String {
    let mut raw = String::with_capacity(prefix.len() + path.len() + 1 + query.len());
    raw.push_str(prefix);
    raw.push_str(path);
    if !query.is_empty() {
        raw.push('?');
        raw.push_str(query);
    }
    raw
}

fn check_scheme(url: &Url) -> Result<(), Error> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::invalid_config(format!(
            "base URL {url} must use https (plain http is only allowed for loopback hosts)"
        ))),
        other => Err(Error::invalid_config(format!(
            "base URL scheme {other:?} is not supported; use https"
        ))),
    }
}

/// True for `localhost`, `127.0.0.0/8` and `::1` (including IPv4-mapped loopback).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => {
            let d = d.trim_end_matches('.');
            d.eq_ignore_ascii_case("localhost")
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => {
            ip == Ipv6Addr::LOCALHOST || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        None => false,
    }
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
}

fn origin_of(url: &Url) -> String {
    let host = match url.host() {
        Some(Host::Ipv6(ip)) => format!("[{ip}]"),
        Some(h) => h.to_string(),
        None => String::new(),
    };
    match url.port_or_known_default() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> bool {
        BaseUrl::parse(raw).is_ok()
    }

    #[test]
    fn https_or_loopback_http_only() {
        assert!(ok("https://graph.microsoft.com/beta"));
        assert!(ok("http://127.0.0.1:8080/beta"));
        assert!(ok("http://127.4.5.6/beta"));
        assert!(ok("http://[::1]:9000/"));
        assert!(ok("http://localhost:1/beta/"));
        assert!(ok("http://LOCALHOST./x"));
        assert!(!ok("http://graph.microsoft.com/beta"));
        assert!(!ok("http://10.0.0.1/beta"));
        assert!(!ok("http://localhost.evil.com/beta"));
        assert!(!ok("http://128.0.0.1/"));
        assert!(!ok("ftp://localhost/"));
        assert!(!ok("not a url"));
        assert!(!ok("https://user:pw@graph.microsoft.com/beta"));
        assert!(!ok("https://graph.microsoft.com/beta?x=1"));
    }

    /// `url_for` must give exactly what parsing the concatenation gives.
    #[test]
    fn url_for_equals_a_full_parse() -> Result<(), Error> {
        let paths = [
            "",
            "/",
            "/x",
            "/identityGovernance/roleManagementAlerts/alerts/a%2Fb%3Fc%23d%25e%20f",
            "/alerts/..a./$count/microsoft.graph.refresh",
            "/alerts('x')/a:b/@c/%2E%2E/%2e",
            "/a/./b/../c",
            "//evil.example/x",
            "/?x",
            "/#x",
            "/caf%C3%A9/\u{e9}/sp ace",
        ];
        let queries = [
            "",
            "$filter=a%20eq%20%27/%27&$select=id,x",
            "a=b#c",
            "x=%ZZ",
        ];
        for base in [
            "https://graph.microsoft.com/beta",
            "http://[::1]:9000/",
            "http://127.0.0.1:1/a/b/",
        ] {
            let base = BaseUrl::parse(base)?;
            for path in paths {
                for query in queries {
                    let expected = Url::parse(&join_raw(base.as_str(), path, query));
                    assert_eq!(
                        base.url_for(path, query),
                        expected,
                        "{base:?} {path:?} {query:?}"
                    );
                }
            }
        }
        Ok(())
    }

    fn context() -> RequestContext {
        RequestContext {
            method: reqwest::Method::GET,
            template: "/x".into(),
            client_request_id: "id".into(),
            request_id: None,
        }
    }

    #[test]
    fn unparsable_links_are_the_response_s_fault() -> Result<(), Error> {
        let base = BaseUrl::parse("https://graph.microsoft.com/beta")?;
        let next = base.resolve_link("http://[::1", LinkKind::NextLink, context);
        assert!(
            matches!(&next, Err(Error::InvalidLink { kind: LinkKind::NextLink, reason, .. }) if reason.contains("[::1")),
            "{next:?}"
        );
        let location = base.resolve_link("http://[::1", LinkKind::Location, context);
        assert!(
            matches!(location, Err(Error::MissingLocation { .. })),
            "{location:?}"
        );
        for blank in ["", " ", "\t\r\n"] {
            let location = base.resolve_link(blank, LinkKind::Location, context);
            assert!(
                matches!(&location, Err(Error::MissingLocation { reason, .. }) if reason.contains("blank")),
                "{location:?}"
            );
            let next = base.resolve_link(blank, LinkKind::NextLink, context);
            assert!(
                matches!(&next, Err(Error::InvalidLink { reason, .. }) if reason.contains("blank")),
                "{next:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn links_resolve_against_base_and_origin_is_checked() -> Result<(), Error> {
        let base = BaseUrl::parse("https://graph.microsoft.com/beta/")?;
        assert_eq!(base.as_str(), "https://graph.microsoft.com/beta");
        let rel = base.resolve_link("identityGovernance/ops/1", LinkKind::Location, context)?;
        assert_eq!(
            rel.as_str(),
            "https://graph.microsoft.com/beta/identityGovernance/ops/1"
        );
        let abs_path = base.resolve_link("/beta/x?$skiptoken=1", LinkKind::NextLink, context)?;
        assert_eq!(
            abs_path.as_str(),
            "https://graph.microsoft.com/beta/x?$skiptoken=1"
        );
        let same = base.resolve_link(
            "https://graph.microsoft.com:443/beta/y",
            LinkKind::NextLink,
            context,
        );
        assert!(same.is_ok());
        for foreign in [
            "https://evil.example/beta/x",
            "http://graph.microsoft.com/beta/x",
            "https://graph.microsoft.com:8443/beta/x",
            "//evil.example/x",
        ] {
            let err = base.resolve_link(foreign, LinkKind::NextLink, context);
            assert!(matches!(err, Err(Error::ForeignOrigin { .. })), "{foreign}");
        }
        Ok(())
    }
}
