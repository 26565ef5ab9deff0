package com.example.payments.vipps.simulator;

/**
 * How strictly merchant URLs given at initiation are checked.
 */
public enum UrlPolicy {

	/**
	 * Like Vipps: HTTPS only, and no localhost or loopback hosts.
	 */
	STRICT,

	/**
	 * For offline use: plain HTTP and loopback hosts are accepted.
	 */
	ALLOW_LOCAL_HTTP

}
