/**
 * ログイン: the people who log in to authorise an app, with a password and an authenticator code (TOTP),
 * and the lock after repeated failures.
 */
package jp.zaitaku.fhir.security.login;
