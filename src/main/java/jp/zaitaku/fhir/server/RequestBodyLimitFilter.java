package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses FHIR request bodies over {@code zaitaku.server.max-request-size} with 413 and an
 * OperationOutcome, before HAPI buffers them in memory. A declared Content-Length is checked up
 * front; a chunked body is counted as it is read.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;
	private final FhirContext fhirContext;

	RequestBodyLimitFilter(long maxBytes, FhirContext fhirContext) {
		this.maxBytes = maxBytes;
		this.fhirContext = fhirContext;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			// Drain nothing: tell Tomcat to close the connection rather than read what we refuse.
			response.setHeader("Connection", "close");
			OperationOutcomeResponse.write(
					response, fhirContext, 413, OperationOutcome.IssueType.TOOLONG, tooLargeMessage(maxBytes));
			return;
		}
		chain.doFilter(new LimitedRequest(request, maxBytes), response);
	}

	static String tooLargeMessage(long maxBytes) {
		return "Request body is larger than the server accepts (" + maxBytes + " bytes; setting zaitaku.server.max-request-size)";
	}

	/** Counts the bytes of a body whose length was not declared and stops at the limit. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {
		private final long maxBytes;
		private ServletInputStream limited;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (limited == null) {
				limited = new LimitedInputStream(super.getInputStream(), maxBytes);
			}
			return limited;
		}
	}

	private static final class LimitedInputStream extends ServletInputStream {
		private final ServletInputStream delegate;
		private final long maxBytes;
		private long count;

		LimitedInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			count += n;
			if (count > maxBytes) {
				// A HAPI exception, so the RestfulServer answers 413 with an OperationOutcome.
				throw new PayloadTooLargeException(tooLargeMessage(maxBytes));
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}
