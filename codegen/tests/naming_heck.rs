//! The naming function splits and cases words exactly as `heck` does: checked on every name of
//! the vendored Graph beta document and of the project's excerpt, and on random names built
//! from the characters where word boundaries are decided.

use codegen::model::naming::{Case, cased};
use heck::{ToSnakeCase, ToUpperCamelCase};
use proptest::prelude::*;

/// What `cased` returned when it called `heck` itself: every character that is not an ASCII
/// letter or digit becomes a space, `heck` cases the rest, then an empty result becomes
/// `unnamed` and a leading digit gets a prefix.
fn with_heck(name: &str, case: Case) -> String {
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let converted = match case {
        Case::UpperCamel => ascii.to_upper_camel_case(),
        Case::Snake => ascii.to_snake_case(),
    };
    match (converted.chars().next(), case) {
        (None, Case::UpperCamel) => "Unnamed".to_owned(),
        (None, Case::Snake) => "unnamed".to_owned(),
        (Some(d), Case::UpperCamel) if d.is_ascii_digit() => format!("N{converted}"),
        (Some(d), Case::Snake) if d.is_ascii_digit() => format!("_{converted}"),
        _ => converted,
    }
}

/// Every `Name="..."` attribute value in a CSDL document.
fn names_in(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("the document reads");
    let mut names: Vec<String> = text
        .split("Name=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_name_of_the_metadata_is_cased_as_heck_cases_it() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut checked = 0;
    for document in ["vendor/beta-USNat.csdl", "pim-alerts.csdl"] {
        for name in names_in(&format!("{root}/../metadata/{document}")) {
            for case in [Case::Snake, Case::UpperCamel] {
                assert_eq!(
                    cased(&name, case),
                    with_heck(&name, case),
                    "{name:?} {case:?}"
                );
            }
            checked += 1;
        }
    }
    // The full document alone has about 8,400 distinct names.
    assert!(checked > 8_000, "only {checked} names");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn random_names_are_cased_as_heck_cases_them(name in "[aAzZbB09_ .@é-]{0,16}") {
        for case in [Case::Snake, Case::UpperCamel] {
            prop_assert_eq!(cased(&name, case), with_heck(&name, case), "{:?}", case);
        }
    }
}
