/** The event feed for downstream consumers: CloudEvents in global order, as pages and as Server-Sent Events. */
package dev.membership.web.v1.feed;
