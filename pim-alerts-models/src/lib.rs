//! Typed serde models for the Microsoft Graph beta PIM security alerts API.
