package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The two pages a person sees when a SMART app asks for access: the login (user name, password,
 * authenticator code) and the consent page, where they choose the patient (standalone launch) and
 * approve the app's scopes. Japanese by default; {@code ?lang=en} or an English
 * {@code Accept-Language} gives English.
 */
@Controller
@SecurityEnabled
class AuthorizationPages {

	private final RegisteredClientRepository clients;
	private final UserAccounts users;
	private final PatientsOfUser patients;

	AuthorizationPages(RegisteredClientRepository clients, UserAccounts users, PatientsOfUser patients) {
		this.clients = clients;
		this.users = users;
		this.patients = patients;
	}

	@GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(HttpServletRequest request, @RequestParam(required = false) String error) {
		Text text = Text.of(request);
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		return page(text.get("login.title"), """
				<h1>%s</h1>
				%s
				<form method="post" action="/login">
				  <label>%s <input id="username" name="username" autocomplete="username" required></label>
				  <label>%s <input id="password" name="password" type="password" autocomplete="current-password" required></label>
				  <label>%s <input id="totp" name="totp" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required></label>
				  <input type="hidden" name="%s" value="%s">
				  <button id="login" type="submit">%s</button>
				</form>""".formatted(
						esc(text.get("login.title")),
						error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(text.get("login.failed")) + "</p>",
						esc(text.get("login.username")), esc(text.get("login.password")), esc(text.get("login.totp")),
						esc(csrf.getParameterName()), esc(csrf.getToken()), esc(text.get("login.submit"))), text);
	}

	@GetMapping(value = "/oauth2/consent", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String consent(HttpServletRequest request, Principal user,
			@RequestParam(name = "client_id") String clientId,
			@RequestParam(name = "scope", defaultValue = "") String scope,
			@RequestParam(name = "state") String state) {
		Text text = Text.of(request);
		RegisteredClient client = clients.findByClientId(clientId);
		if (client == null) {
			return page(text.get("consent.title"), "<p class=\"error\">" + esc(text.get("consent.unknownClient")) + "</p>", text);
		}
		List<String> scopes = List.of(scope.split(" ")).stream().filter(s -> !s.isBlank()).toList();
		StringBuilder body = new StringBuilder();
		body.append("<h1>").append(esc(text.get("consent.title"))).append("</h1>")
				.append("<p>").append(esc(text.get("consent.asks").formatted(client.getClientName()))).append("</p>")
				.append("<form method=\"post\" action=\"/oauth2/authorize\">")
				.append(hidden("client_id", clientId)).append(hidden("state", state));
		// The picker is for a standalone launch; in an EHR launch ("launch") the EHR chose the patient.
		if (scopes.contains("launch/patient") && !scopes.contains("launch")) {
			String fhirUser = users.fhirUserOf(user.getName()).orElse("");
			List<PatientsOfUser.Choice> choices = patients.of(fhirUser);
			body.append("<fieldset><legend>").append(esc(text.get("consent.patient"))).append("</legend>");
			if (choices.isEmpty()) {
				body.append("<p class=\"error\">").append(esc(text.get("consent.noPatients"))).append("</p>");
			}
			for (PatientsOfUser.Choice choice : choices) {
				body.append("<label><input type=\"radio\" name=\"patient\" required value=\"").append(esc(choice.patientId()))
						.append("\" id=\"patient-").append(esc(choice.patientId())).append("\"> ")
						.append(esc(choice.name())).append("</label>");
			}
			body.append("</fieldset>");
		}
		body.append("<fieldset><legend>").append(esc(text.get("consent.scopes"))).append("</legend>");
		for (String requested : scopes) {
			body.append("<label><input type=\"checkbox\" name=\"scope\" checked value=\"").append(esc(requested)).append("\"> <code>")
					.append(esc(requested)).append("</code></label>");
		}
		body.append("</fieldset><button id=\"approve\" type=\"submit\">").append(esc(text.get("consent.approve"))).append("</button>")
				.append("</form>");
		return page(text.get("consent.title"), body.toString(), text);
	}

	private static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
	}

	private static String page(String title, String body, Text text) {
		return """
				<!DOCTYPE html>
				<html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s — Zaitaku FHIR</title>
				<style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.6rem 0}
				input:not([type=radio]):not([type=checkbox]){display:block;width:100%%;padding:.4rem}.error{color:#b00}
				button{padding:.5rem 1.5rem;margin-top:1rem}fieldset{margin:1rem 0}</style></head>
				<body>%s<p><small><a href="?lang=%s">%s</a></small></p></body></html>""".formatted(
						text.language(), esc(title), body, text.otherLanguage(), esc(text.get("switch")));
	}

	private static String esc(String value) {
		return HtmlUtils.htmlEscape(value == null ? "" : value, "UTF-8");
	}

	/** The page texts in Japanese and English. */
	private record Text(boolean english) {
		static Text of(HttpServletRequest request) {
			String lang = request.getParameter("lang");
			if (lang != null) {
				return new Text(lang.startsWith("en"));
			}
			Locale preferred = request.getLocale();
			return new Text(request.getHeader("Accept-Language") != null && preferred.getLanguage().equals("en"));
		}

		String language() {
			return english ? "en" : "ja";
		}

		String otherLanguage() {
			return english ? "ja" : "en";
		}

		String get(String key) {
			return switch (key) {
				case "login.title" -> english ? "Log in to Zaitaku FHIR" : "在宅FHIR ログイン";
				case "login.failed" -> english ? "The user name, password or code is wrong, or the account is locked."
						: "ユーザー名・パスワード・確認コードのいずれかが違うか、アカウントがロックされています。";
				case "login.username" -> english ? "User name" : "ユーザー名";
				case "login.password" -> english ? "Password" : "パスワード";
				case "login.totp" -> english ? "Code from your authenticator app (6 digits)" : "認証アプリの確認コード（6桁）";
				case "login.submit" -> english ? "Log in" : "ログイン";
				case "consent.title" -> english ? "Allow access" : "アクセスの許可";
				case "consent.asks" -> english ? "%s asks for access to the data below." : "「%s」が次のデータへのアクセスを求めています。";
				case "consent.unknownClient" -> english ? "Unknown application." : "登録されていないアプリです。";
				case "consent.patient" -> english ? "Patient" : "療養者（患者）";
				case "consent.noPatients" -> english ? "You are on no patient's care team." : "担当している療養者がいません。";
				case "consent.scopes" -> english ? "Access" : "アクセス範囲";
				case "consent.approve" -> english ? "Allow" : "許可する";
				case "switch" -> english ? "日本語" : "English";
				default -> key;
			};
		}
	}
}
