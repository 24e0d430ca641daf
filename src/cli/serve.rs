//! `juwei serve [--db URL] [--listen ADDR]`, `juwei serve user add …`,
//! `juwei serve import DIR`, `juwei serve export DIR` (server.md).

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{Output, EXIT_INPUT, EXIT_OK};
use crate::model::Lang;
use crate::server::{self, auth::Role, Db};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(subcommand)]
    pub action: Option<ServeAction>,
    /// The database: a SQLite file (created when missing) or postgres://USER@HOST/DB
    #[arg(long, global = true, default_value = "juwei.db")]
    pub db: String,
    /// The address to listen on
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Mark the session cookie Secure (when a TLS proxy stands in front)
    #[arg(long)]
    pub secure_cookies: bool,
}

#[derive(Debug, Subcommand)]
pub enum ServeAction {
    /// Users: add one
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Load a folder of committees' files (plans, registers, count sheets, status files)
    Import {
        /// The folder (as `juwei audit` reads it)
        dir: PathBuf,
        /// Recorded as who recorded the imported events
        #[arg(long, default_value = "import")]
        by: String,
    },
    /// Write every committee's files to a folder, in the CLI's formats
    Export {
        /// The folder (created when missing)
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Clerk,
    Street,
    District,
    Admin,
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Add a user; the password is read from standard input
    Add {
        /// The user's sign-in name
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The committee's code (a clerk)
        #[arg(long)]
        committee: Option<String>,
        /// The street's name (a street user)
        #[arg(long)]
        street: Option<String>,
        /// Read the password from standard input (its first line)
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

fn say_db_error(url: &str, e: &dyn std::fmt::Display, lang: Lang) {
    crate::say_err!(
        "{}",
        lang.pick(
            &format!("无法打开数据库 {}: {e}", redact(url)),
            &format!("cannot open the database {}: {e}", redact(url)),
        )
    );
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

pub fn run(args: ServeArgs, out: &Output) -> i32 {
    let lang = out.lang;
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            crate::say_err!("{e}");
            return EXIT_INPUT;
        }
    };
    rt.block_on(async move {
        let db = match Db::open(&args.db).await {
            Ok(db) => db,
            Err(e) => {
                say_db_error(&args.db, &e, lang);
                return EXIT_INPUT;
            }
        };
        match args.action {
            None => serve(db, &args.listen, args.secure_cookies, &args.db, lang).await,
            Some(ServeAction::User {
                action:
                    UserAction::Add {
                        name,
                        role,
                        committee,
                        street,
                        ..
                    },
            }) => {
                let mut password = String::new();
                if std::io::stdin().read_to_string(&mut password).is_err() {
                    crate::say_err!("{}", lang.pick("读不到标准输入", "cannot read standard input"));
                    return EXIT_INPUT;
                }
                let password = password.lines().next().unwrap_or("").to_string();
                let role = match role {
                    RoleArg::Clerk => Role::Clerk,
                    RoleArg::Street => Role::Street,
                    RoleArg::District => Role::District,
                    RoleArg::Admin => Role::Admin,
                };
                match server::auth::add_user(
                    &db,
                    &name,
                    role,
                    committee.as_deref(),
                    street.as_deref(),
                    &password,
                )
                .await
                {
                    Ok(()) => {
                        crate::say_err!(
                            "{}",
                            lang.pick(
                                &format!("已添加用户 {name} ({})", role.name_zh()),
                                &format!("user {name} added ({})", role.as_str()),
                            )
                        );
                        EXIT_OK
                    }
                    Err(e) => {
                        crate::say_err!("{}", e.message(lang));
                        EXIT_INPUT
                    }
                }
            }
            Some(ServeAction::Import { dir, by }) => {
                match server::transfer::import(&db, &dir, &by, lang).await {
                    Ok(list) => {
                        let mut bad = 0;
                        for i in &list {
                            if i.problems.is_empty() {
                                crate::say_out!(
                                    "{}",
                                    lang.pick(
                                        &format!(
                                            "{} {}: 平面图 {} 版, 事件 {} 条, 盘点表 {} 份, 批注 {} 条{}",
                                            i.code,
                                            i.plan.display(),
                                            i.plan_revisions,
                                            i.events,
                                            i.sheets,
                                            i.comments,
                                            if i.status { ", 整改状态" } else { "" }
                                        ),
                                        &format!(
                                            "{} {}: {} plan revisions, {} events, {} count sheets, {} comments{}",
                                            i.code,
                                            i.plan.display(),
                                            i.plan_revisions,
                                            i.events,
                                            i.sheets,
                                            i.comments,
                                            if i.status { ", status" } else { "" }
                                        ),
                                    )
                                );
                            } else {
                                bad += 1;
                                for p in &i.problems {
                                    crate::say_err!("{}: {p}", i.plan.display());
                                }
                            }
                        }
                        crate::say_err!(
                            "{}",
                            lang.pick(
                                &format!("导入 {} 个居委会, {bad} 个有问题", list.len()),
                                &format!("{} committees imported, {bad} with problems", list.len()),
                            )
                        );
                        if bad > 0 {
                            EXIT_INPUT
                        } else {
                            EXIT_OK
                        }
                    }
                    Err(e) => {
                        crate::say_err!("{}", e.message(lang));
                        EXIT_INPUT
                    }
                }
            }
            Some(ServeAction::Export { dir }) => {
                let list = match server::store::all_committees(&db).await {
                    Ok(l) => l,
                    Err(e) => {
                        crate::say_err!("{}", e.message(lang));
                        return EXIT_INPUT;
                    }
                };
                match server::transfer::export(&db, &dir, &list).await {
                    Ok(x) => {
                        crate::say_err!(
                            "{}",
                            lang.pick(
                                &format!("导出 {} 个居委会, {} 个文件到 {}", x.committees, x.files, dir.display()),
                                &format!("{} committees, {} files exported to {}", x.committees, x.files, dir.display()),
                            )
                        );
                        EXIT_OK
                    }
                    Err(e) => {
                        crate::say_err!("{}", e.message(lang));
                        EXIT_INPUT
                    }
                }
            }
        }
    })
}

async fn serve(db: Db, listen: &str, secure: bool, url: &str, lang: Lang) -> i32 {
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!("无法监听 {listen}: {e}"),
                    &format!("cannot listen on {listen}: {e}"),
                )
            );
            return EXIT_INPUT;
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| listen.to_string());
    crate::say_err!(
        "{}",
        lang.pick(
            &format!("juwei serve: http://{addr}/ (数据库 {})", redact(url)),
            &format!("juwei serve: http://{addr}/ (database {})", redact(url)),
        )
    );
    let mut state = server::AppState::new(db);
    state.secure_cookies = secure;
    match server::serve(listener, state).await {
        Ok(()) => EXIT_OK,
        Err(e) => {
            crate::say_err!("{e}");
            EXIT_INPUT
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            super::redact("postgres://juwei:s3cret@localhost/juwei"),
            "postgres://juwei:***@localhost/juwei"
        );
        assert_eq!(super::redact("juwei.db"), "juwei.db");
        assert_eq!(
            super::redact("postgres://juwei@localhost/j"),
            "postgres://juwei@localhost/j"
        );
    }
}
