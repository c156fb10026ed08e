package org.feynet.cli;

/** A mistake in how feynet was called (a file that cannot be used, an unsupported request), shown as one line. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}
