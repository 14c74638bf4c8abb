package dev.cyclone.websocket.handshake;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Runs the MVC interceptors of a matched handler around one request exactly as
 * {@code DispatcherServlet} does, for a request that a servlet filter serves itself (the
 * legacy handshakes): {@code preHandle} in order, stopping at the first {@code false}
 * (the interceptor has written the response); {@code postHandle} in reverse order once
 * the handler succeeded ({@link #completed}, which may come from another thread when the
 * handler finishes asynchronously); {@code afterCompletion} in reverse order for every
 * interceptor whose {@code preHandle} returned {@code true}, whatever happened, with the
 * handler's failure if any.
 */
public final class DispatchedInterceptors {

	private static final Log logger = LogFactory.getLog(DispatchedInterceptors.class);

	private final HandlerExecutionChain chain;

	private final HttpServletRequest request;

	private final HttpServletResponse response;

	private int lastPassed = -1;

	/**
	 * Prepare to run a chain's interceptors.
	 * @param chain the matched handler and its interceptors
	 * @param request the request
	 * @param response the response
	 */
	public DispatchedInterceptors(HandlerExecutionChain chain, HttpServletRequest request,
			HttpServletResponse response) {
		this.chain = chain;
		this.request = request;
		this.response = response;
	}

	/**
	 * Run {@code preHandle}; when one returns {@code false}, run {@code afterCompletion}
	 * of those before it.
	 * @return whether the request goes on to the handler
	 * @throws Exception what an interceptor threw (then {@link #afterCompletion} must
	 * still be called)
	 */
	public boolean preHandle() throws Exception {
		for (HandlerInterceptor interceptor : this.chain.getInterceptorList()) {
			if (!interceptor.preHandle(this.request, this.response, this.chain.getHandler())) {
				afterCompletion(null);
				return false;
			}
			this.lastPassed++;
		}
		return true;
	}

	/**
	 * The handler is done: run {@code postHandle} when it succeeded (no model and view:
	 * the handler wrote the response), then {@code afterCompletion} with the handler's
	 * failure, or with what {@code postHandle} threw.
	 * @param failure what the handler failed with, or {@code null}
	 */
	public void completed(@Nullable Throwable failure) {
		Exception completion = (failure == null || failure instanceof Exception) ? (Exception) failure
				: new ServletException("Handler processing failed: " + failure, failure);
		if (completion == null) {
			try {
				for (int i = this.chain.getInterceptorList().size() - 1; i >= 0; i--) {
					this.chain.getInterceptorList()
						.get(i)
						.postHandle(this.request, this.response, this.chain.getHandler(), null);
				}
			}
			catch (Exception ex) {
				completion = ex;
			}
		}
		afterCompletion(completion);
	}

	/**
	 * Run {@code afterCompletion} of every interceptor whose {@code preHandle} passed,
	 * once; a failing one is logged and the others still run, as
	 * {@code DispatcherServlet} does.
	 * @param failure what the handler or an interceptor threw, or {@code null}
	 */
	public void afterCompletion(@Nullable Exception failure) {
		for (int i = this.lastPassed; i >= 0; i--) {
			HandlerInterceptor interceptor = this.chain.getInterceptorList().get(i);
			try {
				interceptor.afterCompletion(this.request, this.response, this.chain.getHandler(), failure);
			}
			catch (Throwable ex) {
				logger.error("HandlerInterceptor.afterCompletion threw exception", ex);
			}
		}
		this.lastPassed = -1;
	}

}
