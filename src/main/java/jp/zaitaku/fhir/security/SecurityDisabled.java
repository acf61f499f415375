package jp.zaitaku.fhir.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The bean exists only in open development mode ({@code ZAITAKU_SECURITY_ENABLED=false}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = SecurityProperties.ENABLED, havingValue = "false")
public @interface SecurityDisabled {}
