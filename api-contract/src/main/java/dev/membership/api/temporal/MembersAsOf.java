package dev.membership.api.temporal;

import java.time.Instant;
import java.util.List;

/** Memberships at an instant, in the order they began. */
public record MembersAsOf(Instant asOf, List<MemberAsOf> members) {
}
