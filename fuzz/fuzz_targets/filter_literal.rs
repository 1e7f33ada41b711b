//! Any string as a `$filter` string literal, alone and inside typed filter expressions: the
//! literal is one token that decodes back to the string, so nothing after a quote in the
//! value can become part of the expression.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pim_alerts_client::UnifiedRoleManagementAlertFilter;
use pim_alerts_client::runtime::Literal;
use pim_alerts_fuzz::read_string_literal;

fuzz_target!(|value: &str| {
    let literal = value.to_owned().to_literal();
    assert_eq!(
        read_string_literal(&literal),
        Some((value.to_owned(), "")),
        "{literal:?}"
    );

    let a = UnifiedRoleManagementAlertFilter::new();
    let filter = a.scope_id().eq(value).and(a.scope_type().ne(value));
    let text = filter.as_str();
    let rest = text.strip_prefix("scopeId eq ");
    let Some((first, rest)) = rest.and_then(read_string_literal) else {
        panic!("{text:?}");
    };
    assert_eq!(first, value, "{text:?}");
    let rest = rest.strip_prefix(" and scopeType ne ");
    assert_eq!(
        rest.and_then(read_string_literal),
        Some((value.to_owned(), "")),
        "{text:?}"
    );
});
