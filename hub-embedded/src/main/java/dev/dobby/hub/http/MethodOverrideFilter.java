package dev.dobby.hub.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * Lets a POST carrying {@code X-HTTP-Method-Override: PATCH} be served as the PATCH it means: Java's
 * HttpURLConnection, which the CLI uses to start fast, cannot send PATCH.
 */
final class MethodOverrideFilter implements Filter {
    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && "POST".equals(http.getMethod())
                && "PATCH".equalsIgnoreCase(http.getHeader(HEADER))) {
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getMethod() {
                    return "PATCH";
                }
            }, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
