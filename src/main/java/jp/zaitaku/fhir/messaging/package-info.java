/**
 * チーム内連絡が届く (council paper 1-③): team messages with read receipts ({@code $mark-read},
 * {@code $receipts}), each member's unread messages ({@code $unread}), and the escalation of an urgent
 * message nobody acknowledged to the team's coordinator — because telephone calls fail and nobody has
 * time to call everyone.
 */
package jp.zaitaku.fhir.messaging;
