//! `heck` as the oracle of the naming function, shared by the `naming_heck` test and the
//! `naming` bench (which includes this file by path): what `cased` returned when it called
//! `heck` itself, and the distinct names of a CSDL document to feed both.

use codegen::model::naming::Case;
use heck::{ToSnakeCase, ToUpperCamelCase};

/// What `cased` returned when it called `heck` itself: every character that is not an ASCII
/// letter or digit becomes a space, `heck` cases the rest, then an empty result becomes
/// `unnamed` and a leading digit gets a prefix.
pub fn with_heck(name: &str, case: Case) -> String {
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
pub fn names_in(path: &str) -> Vec<String> {
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
