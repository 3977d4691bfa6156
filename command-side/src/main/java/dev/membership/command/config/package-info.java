/** Spring wiring of the command side. */
package dev.membership.command.config;
