/** Constraints on request values shared by every dialect. */
package dev.membership.web.validation;
