CREATE TABLE `daily_pushes` (
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`item` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`delivered` integer,
	`detail` text DEFAULT '' NOT NULL,
	`claimed_at` integer NOT NULL,
	`done_at` integer,
	PRIMARY KEY(`campaign_id`, `day`)
);
