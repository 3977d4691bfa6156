package dev.membership.api.shared;

/** One rejected input: where it was ({@code users[0].roles[1]}) and why. */
public record InvalidParam(String name, String reason) {
}
