package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.error.ApiException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchQueryTest {

    @Test
    void readsEveryClauseJoinedWithAnd() {
        SearchQuery q = SearchQuery.parse("workflowType IN (a, 'b c') AND status = running AND correlationId = \"x-1\""
                + " and startTime > 100 AND startTime <= 200");
        assertThat(q.workflowTypes()).containsExactly("a", "b c");
        assertThat(q.statuses()).containsExactly(WorkflowStatus.RUNNING);
        assertThat(q.correlationId()).isEqualTo("x-1");
        assertThat(q.startedAfter()).isEqualTo(101);
        assertThat(q.startedBefore()).isEqualTo(200);
        assertThat(q.matchesNothing()).isFalse();
    }

    @Test
    void emptyQueryMatchesEverything() {
        SearchQuery q = SearchQuery.parse("  ");
        assertThat(q.workflowTypes()).isEmpty();
        assertThat(q.statuses()).isEmpty();
        assertThat(q.correlationId()).isNull();
        assertThat(q.matchesNothing()).isFalse();
    }

    @Test
    void repeatedClausesMustAllHold() {
        SearchQuery both =
                SearchQuery.parse("workflowType IN (a,b) AND workflowType = b AND startTime >= 5 AND startTime > 9");
        assertThat(both.workflowTypes()).containsExactly("b");
        assertThat(both.startedAfter()).isEqualTo(10);
        assertThat(SearchQuery.parse("status = RUNNING AND status = FAILED").matchesNothing())
                .isTrue();
        assertThat(SearchQuery.parse("correlationId = a AND correlationId = b").matchesNothing())
                .isTrue();
        assertThat(SearchQuery.parse("startTime > 10 AND startTime < 5").matchesNothing())
                .isTrue();
        assertThat(SearchQuery.parse("workflowId IN (a, b) AND workflowId = b").workflowIds())
                .containsExactly("b");
        assertThat(SearchQuery.parse("workflowId = a AND workflowId = b").matchesNothing())
                .isTrue();
        assertThat(SearchQuery.parse("status IN (RUNNING, PAUSED) AND status = PAUSED")
                        .statuses())
                .isEqualTo(Set.of(WorkflowStatus.PAUSED));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "workflowType = a OR status = RUNNING | only AND",
                "owner = me | unsupported field 'owner'",
                "status = SLEEPING | unknown status",
                "workflowType IN (a, b | expected ')'",
                "workflowType IN a | expected '('",
                "startTime > soon | epoch milliseconds",
                "startTime = 5 | supports >",
                "correlationId IN (a) | only =",
                "workflowType | at the end",
                "workflowType = | at the end",
                "workflowType = 'open | unterminated quote",
                "workflowType != a | supports = and IN",
                "workflowType = ( | expected a value",
            })
    void refusesWhatItCannotReadNamingTheQueryParameter(String query, String problem) {
        assertThatThrownBy(() -> SearchQuery.parse(query)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.fields()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("query");
                assertThat(f.message()).contains(problem);
            });
        });
    }

    @Test
    void sortIsAFieldAndADirection() {
        assertThat(WorkflowSearch.Sort.parse(null)).isEqualTo(new WorkflowSearch.Sort("startTime", true));
        assertThat(WorkflowSearch.Sort.parse("startTime:ASC")).isEqualTo(new WorkflowSearch.Sort("startTime", false));
        assertThat(WorkflowSearch.Sort.parse("workflowId")).isEqualTo(new WorkflowSearch.Sort("workflowId", true));
        assertThatThrownBy(() -> WorkflowSearch.Sort.parse("cost:ASC")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> WorkflowSearch.Sort.parse("startTime:UP")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> WorkflowSearch.Sort.parse("startTime:ASC:x")).isInstanceOf(ApiException.class);
    }
}
