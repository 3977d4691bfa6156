package dev.membership.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A page read from the end of its list walks the list's order turned round: every key's direction, commas inside a
 * key's parentheses left alone. (That such a page holds what a walk from the start holds is shown on PostgreSQL by
 * MemberPagePlanTest and GroupMemberPagePlanTest.)
 */
class PageWindowTest {

    @Test
    void anOrderTurnedRound_turnsEveryKeysDirection() {
        assertThat(PageWindow.reversed("ordinal, membership_id")).isEqualTo("ordinal DESC, membership_id DESC");
        assertThat(PageWindow.reversed("email_key DESC, membership_id DESC")).isEqualTo("email_key ASC, membership_id ASC");
        assertThat(PageWindow.reversed("gm.email_key ASC, gm.membership_id ASC"))
                .isEqualTo("gm.email_key DESC, gm.membership_id DESC");
    }

    @Test
    void anOrderTurnedRound_leavesTheCommasOfAKeysExpressionAlone() {
        assertThat(PageWindow.reversed("lower(COALESCE(full_name, email)) ASC, membership_id ASC"))
                .isEqualTo("lower(COALESCE(full_name, email)) DESC, membership_id DESC");
    }

    @Test
    void anOrderNamingWhereNullsGo_isRefused() {
        assertThatThrownBy(() -> PageWindow.reversed("name NULLS FIRST, id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFirstPage_orAListWithoutACount_isReadFromTheStart() {
        assertThat(PageWindow.idsFromNearerEnd("SELECT id FROM t WHERE x", "id", "SELECT n FROM c", 0, 20))
                .isEqualTo("ARRAY(SELECT id FROM t WHERE x ORDER BY id LIMIT 20)");
        assertThat(PageWindow.idsFromNearerEnd("SELECT id FROM t WHERE x", "id", null, 40, 20))
                .isEqualTo("ARRAY(SELECT id FROM t WHERE x ORDER BY id OFFSET :offset LIMIT :limit)");
        assertThat(PageWindow.positions("p.n", "SELECT n FROM c", 0)).isEqualTo("p.n");
    }
}
