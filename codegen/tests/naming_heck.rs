//! The naming function splits and cases words exactly as `heck` does: checked on every name of
//! the vendored Graph beta document and of the project's excerpt, and on random names built
//! from the characters where word boundaries are decided.

mod heck_oracle;

use codegen::model::naming::{Case, cased};
use heck_oracle::{names_in, with_heck};
use proptest::prelude::*;

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
