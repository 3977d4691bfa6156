/** One error vocabulary, rendered by each dialect's {@link dev.membership.web.error.ErrorRenderer}. */
package dev.membership.web.error;
