//! Any bytes decoded as the polymorphic incident enum: decoding
//! never panics, and whatever decodes re-encodes to a stable, decodable form.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    pim_alerts_fuzz::json_round_trip::<pim_alerts_models::UnifiedRoleManagementAlertIncident>(data);
});
