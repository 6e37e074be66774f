//! Steps of `features/personal-data/sandbox.feature` (PD-10): the test-identity sandbox reaches
//! synthetic accounts only, with PKCE (OPIS §7.1 item 3, §7.2, §7.3). The requests are those of
//! the harness's own client of persons (`crate::identities`), varied one at a time: a `login_hint`
//! that names no account, no PKCE challenge, a wrong `code_verifier`. A code or a token obtained
//! so is never used.

use crate::identities::{self, AuthorizationAttempt, PersonKind, SyntheticAccount};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::oauth;
use hutong_model::{msg, Finding};

/// The synthetic account a PD-10 scenario authorises, and the client role it acts through.
#[derive(Debug, Clone)]
pub struct Sandbox {
    /// The account the sandbox created.
    pub account: SyntheticAccount,
    /// The client role whose client sends the requests.
    pub role: String,
}

#[given(expr = "a synthetic user {string} created on the sandbox for {string}")]
async fn synthetic_user(w: &mut PlatformWorld, label: String, role: String) {
    // The sandbox is what PD-10 tests: a platform claiming the profile declares it (OPIS §16b).
    w.endpoint("test_identities");
    let account = w
        .ctx()
        .synthetic_account(&w.rec, PersonKind::User, &label, &role)
        .await
        .map_err(|f| f.into_error(msg!("steps-personal-data-cannot-create-synthetic", label = label.as_str(), role = role.as_str())))
        .or_raise();
    w.pd.sandbox = Some(Sandbox { account, role });
}

/// Stores an authorization request's answer for the `Then` step.
fn keep(w: &mut PlatformWorld, attempt: AuthorizationAttempt) {
    w.last = Some(attempt.response.clone());
    w.pd.authorization = Some(attempt);
}

#[when("the client asks for a code with a login_hint that names no account")]
async fn unknown_hint(w: &mut PlatformWorld) {
    let sandbox = earlier!(w.pd.sandbox).clone();
    let hint = identities::unknown_login_hint(&sandbox.account.login_hint);
    if w.ctx().synthetic_login_hints().await.contains(&hint) {
        raise(Finding::error(msg!("steps-personal-data-hint-collision")));
    }
    let attempt = w.ctx().send_authorization_request(&w.rec, &sandbox.role, &hint, true, "authorization request, login_hint of no account").await.or_raise();
    keep(w, attempt);
}

#[then("the answer carries no code")]
fn no_code_for_unknown_hint(w: &mut PlatformWorld) {
    let attempt = earlier!(w.pd.authorization);
    let response = &attempt.response;
    oauth::check_unknown_login_hint_refused(response.status, response.header("location")).map_err(|f| f.with_exchanges([response.exchange])).or_raise();
}

#[when("the client asks for a code for the synthetic user without a PKCE challenge")]
async fn without_pkce(w: &mut PlatformWorld) {
    let sandbox = earlier!(w.pd.sandbox).clone();
    let attempt = w.ctx().send_authorization_request(&w.rec, &sandbox.role, &sandbox.account.login_hint, false, "authorization request without PKCE").await.or_raise();
    keep(w, attempt);
}

#[then("the request is refused with invalid_request and carries no code")]
fn pkce_required(w: &mut PlatformWorld) {
    let attempt = earlier!(w.pd.authorization);
    let response = &attempt.response;
    oauth::check_pkce_required(response.status, response.header("location"), &attempt.redirect_uri)
        .map_err(|f| f.with_exchanges([response.exchange]))
        .or_raise();
}

#[when("the client obtains a code for the synthetic user with PKCE and exchanges it with another code_verifier")]
async fn wrong_verifier(w: &mut PlatformWorld) {
    let sandbox = earlier!(w.pd.sandbox).clone();
    let ctx = w.ctx();
    let attempt = ctx.send_authorization_request(&w.rec, &sandbox.role, &sandbox.account.login_hint, true, "authorization request").await.or_raise();
    let code = ctx
        .approved_code(&w.rec, &attempt)
        .await
        .map_err(|f| f.into_error(msg!("steps-personal-data-no-code")).with_exchanges([attempt.response.exchange]))
        .or_raise();
    // A well-formed verifier (RFC 7636 §4.1) whose challenge the request did not send.
    let (wrong, _) = identities::pkce_pair();
    if attempt.verifier.as_deref() == Some(wrong.as_str()) {
        raise(Finding::error(msg!("steps-personal-data-verifier-collision")));
    }
    let response = ctx.exchange_code(&w.rec, &sandbox.role, &code, &wrong, "authorization code, wrong code_verifier").await.or_raise();
    w.last = Some(response.clone());
    w.pd.exchange = Some(response);
}

#[then("the token endpoint refuses it with invalid_grant and issues no token")]
fn wrong_verifier_refused(w: &mut PlatformWorld) {
    let response = earlier!(w.pd.exchange);
    oauth::check_wrong_verifier_refused(response.status, response.json_value().ok().as_ref()).map_err(|f| f.with_exchanges([response.exchange])).or_raise();
}
