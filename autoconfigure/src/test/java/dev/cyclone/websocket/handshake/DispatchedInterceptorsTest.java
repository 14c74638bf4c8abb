package dev.cyclone.websocket.handshake;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interceptors of a legacy handshake run in {@code DispatcherServlet}'s order:
 * {@code preHandle} forwards until one says {@code false}, {@code postHandle} and
 * {@code afterCompletion} backwards, {@code afterCompletion} only for those that passed
 * and once.
 */
class DispatchedInterceptorsTest {

	private final List<String> calls = new ArrayList<>();

	@Test
	void completesEveryInterceptorBackwardsAfterTheHandlerSucceeded() throws Exception {
		DispatchedInterceptors interceptors = run(new Recording("a", true), new Recording("b", true));
		assertThat(interceptors.preHandle()).isTrue();
		interceptors.completed(null);
		interceptors.afterCompletion(null);
		assertThat(this.calls).containsExactly("a pre", "b pre", "b post", "a post", "b after null", "a after null");
	}

	@Test
	void stopsAtTheFirstRefusalAndCompletesOnlyThoseThatPassed() throws Exception {
		DispatchedInterceptors interceptors = run(new Recording("a", true), new Recording("b", false),
				new Recording("c", true));
		assertThat(interceptors.preHandle()).isFalse();
		assertThat(this.calls).containsExactly("a pre", "b pre", "a after null");
	}

	@Test
	void handsTheHandlersFailureOrAPostHandleFailureToAfterCompletion() throws Exception {
		DispatchedInterceptors failed = run(new Recording("a", true));
		failed.preHandle();
		failed.completed(new IllegalStateException("upgrade failed"));
		DispatchedInterceptors erred = run(new Recording("e", true));
		erred.preHandle();
		erred.completed(new OutOfMemoryError("boom"));
		assertThat(this.calls).containsExactly("a pre", "a after java.lang.IllegalStateException: upgrade failed",
				"e pre", "e after " + ServletException.class.getName() + ": Handler processing failed: "
						+ "java.lang.OutOfMemoryError: boom");
	}

	private DispatchedInterceptors run(HandlerInterceptor... interceptors) {
		return new DispatchedInterceptors(new HandlerExecutionChain("handler", interceptors),
				new MockHttpServletRequest(), new MockHttpServletResponse());
	}

	private final class Recording implements HandlerInterceptor {

		private final String name;

		private final boolean passes;

		Recording(String name, boolean passes) {
			this.name = name;
			this.passes = passes;
		}

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			DispatchedInterceptorsTest.this.calls.add(this.name + " pre");
			return this.passes;
		}

		@Override
		public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
				@Nullable ModelAndView modelAndView) {
			DispatchedInterceptorsTest.this.calls.add(this.name + " post");
		}

		@Override
		public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
				@Nullable Exception ex) {
			DispatchedInterceptorsTest.this.calls.add(this.name + " after " + ex);
		}

	}

}
